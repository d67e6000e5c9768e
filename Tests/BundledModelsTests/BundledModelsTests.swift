import BundledModels
import Foundation
import Testing
import TestSupport

@Suite struct BundledModelsTests {
    static let models: URL = Repository.models

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
