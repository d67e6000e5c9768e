import BundledModels
import Foundation
import Testing

@Suite struct BundledModelsTests {
    static let models: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url.appendingPathComponent("models")
    }()

    @Test func everyModelFileIsEmbeddedUnchanged() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.models.path)
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
        #expect(names == BundledModels.fileNames, "models/ changed: rebuild (touch Package.swift) to embed it")
        for name in names {
            let onDisk = try String(contentsOf: Self.models.appendingPathComponent(name), encoding: .utf8)
            #expect(BundledModels.text(named: name) == onDisk, "\(name) differs from the embedded copy")
        }
    }

    @Test func unknownFilesAreNil() {
        #expect(BundledModels.text(named: "no-such-model.txt") == nil)
    }
}
