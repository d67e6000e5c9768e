import Foundation
import PackagePlugin

/// Embeds the text files of the top-level `models/` folder into the target as Swift string literals.
@main
struct EmbedModelsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let models = context.package.directoryURL.appendingPathComponent("models")
        let names = try FileManager.default.contentsOfDirectory(atPath: models.path)
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }
            .sorted()
        let inputs = names.map { models.appendingPathComponent($0) }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedModelFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding models/ (\(names.count) files)",
                executable: try context.tool(named: "EmbedModelsTool").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
