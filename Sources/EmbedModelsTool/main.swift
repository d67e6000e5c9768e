// Writes a Swift file embedding the text files of models/ as string literals, so the paperradar binary is
// self-contained. Usage: EmbedModelsTool OUTPUT.swift INPUT…
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedModelsTool OUTPUT.swift INPUT…\n".utf8))
    exit(2)
}
var source = "// Generated from models/ by EmbedModelsTool. Do not edit.\n\n"
source += "enum EmbeddedModelFiles {\n    static let files: [String: String] = [\n"
if arguments.count == 1 { source += "        :\n" }
for path in arguments.dropFirst().sorted() {
    let url = URL(fileURLWithPath: path)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        FileHandle.standardError.write(Data("EmbedModelsTool: \(path) is not UTF-8 text\n".utf8))
        exit(1)
    }
    // A raw string literal with enough # to never be closed by the content.
    var hashes = "#"
    while text.contains("\"\"\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    source += "        \"\(url.lastPathComponent)\": \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes),\n"
}
source += "    ]\n}\n"
do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedModelsTool: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
