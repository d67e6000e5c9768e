import ArgumentParser
import FileIO
import Foundation
import Pipeline
import Store
import TextFeatures

/// `paperradar model export|import FILE`: move a fitted TF-IDF model between stores.
struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export or import the current TF-IDF model as a file.",
        subcommands: [Export.self, ImportModel.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the current TF-IDF model to a file.")
        @Argument(help: "Output file.") var file: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let repository = try storeOptions.openRepository()
            let model = try CLIError.translating { try repository.requireTFIDF() }
            do {
                try AtomicFile.write(model.encoded(), to: file)
            } catch {
                throw CLIError("\(error)")
            }
            print("\(file): \(ModelRepository.summary(of: model))")
        }
    }

    struct ImportModel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Make a model file the current TF-IDF model and compute every paper's vector with it.")
        @Argument(help: "A file written by `paperradar model export`.") var file: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("\(file): no such file or not readable")
            }
            let repository = try storeOptions.openRepository()
            do {
                let model = try ModelFitter(repository: repository).fit(importing: [UInt8](data)).report.tfidf
                print("imported \(ModelRepository.summary(of: model))")
            } catch let error as PipelineError {
                throw CLIError("\(file): \(error.message)")
            }
        }
    }
}
