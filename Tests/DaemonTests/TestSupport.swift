import FileIO
import Foundation
import Logging
import Pipeline
import Reports
import Store
import Testing

@testable import Daemon
import TestSupport

/// A temporary drop folder with its own store, for running the processor as the daemon would.
final class DaemonSandbox {
    let root: URL
    let layout: DropFolderLayout
    private(set) var store: PaperStore
    var formats: [String] = ["md"]
    var maxBytes = 1 << 20
    var maxPapers = 1_000
    var delivery = DeliverySettings()

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("paperradar-daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        layout = DropFolderLayout(drop: root.appendingPathComponent("drop"))
        try layout.prepare()
        store = try PaperStore(databaseURL: root.appendingPathComponent("store.sqlite"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    static let logger = Logger(label: "paperradar.test") { _ in SwiftLogNoOpLogHandler() }

    func configuration() -> DaemonConfiguration {
        DaemonConfiguration(
            layout: layout, formats: formats.compactMap { ReportFormat(rawValue: $0) }, settle: 0.05,
            maxBytes: maxBytes, maxPapers: maxPapers, refit: RefitPolicy(growth: 0, interval: nil), once: true,
            delivery: delivery)
    }

    /// The daemon's journal in the store.
    var journal: JournalStore { JournalStore(store: store) }

    /// A processor as a freshly started daemon would have (its own model keeper), optionally crashing at a step.
    func processor(crashAt crash: DigestProcessor.Checkpoint? = nil) -> DigestProcessor {
        let configuration = configuration()
        return DigestProcessor(
            configuration: configuration, journal: DigestJournal(store: journal, layout: layout),
            intake: DigestIntake(store: store, maxBytes: configuration.maxBytes),
            keeper: ModelKeeper(
                repository: ModelRepository(store: store), policy: RefitPolicy(growth: 0, interval: nil),
                logger: Self.logger),
            logger: Self.logger,
            checkpoint: { step in if step == crash { throw SimulatedCrash(step: step) } })
    }

    /// Re-opens the store, as a restarted process does.
    func reopenStore() throws {
        store = try PaperStore(databaseURL: root.appendingPathComponent("store.sqlite"))
    }

    /// Writes a file into the drop folder.
    @discardableResult
    func drop(_ name: String, _ text: String) throws -> String {
        let path = layout.dropPath(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The names in a folder, sorted (hidden ones included).
    func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// The names of the drop folder's files (without the daemon's folders and pid file).
    var dropNames: [String] {
        names(in: layout.drop).filter { !["processed", "failed", "reports", ".paperradar.pid"].contains($0) }
    }

    /// Every temporary file of the daemon left anywhere under the sandbox.
    var temporaries: [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if URL(fileURLWithPath: path).lastPathComponent.hasPrefix(AtomicFile.temporaryPrefix) { found.append(path) }
        }
        return found
    }
}

/// Thrown by a test checkpoint: processing stops right there, as if the daemon were killed.
struct SimulatedCrash: Error {
    var step: DigestProcessor.Checkpoint
}

/// The example digests shipped in scripts/examples (one per layout), by file name.
enum ExampleDigests {
    static let folder: URL = Repository.examples

    static let all: [(name: String, text: String)] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasSuffix(".md")
        }.sorted()
        return names.compactMap { name in
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
    }()

    static var table: String { all.first { $0.name.contains("table-abstracts") }?.text ?? "" }
    static var announcement: String { all.first { $0.name.contains("announce") }?.text ?? "" }

    /// The same digest about other papers: every arXiv id `2611.xxxxx` becomes `<prefix>.xxxxx`.
    static func variant(_ text: String, prefix: String) -> String {
        text.replacingOccurrences(of: "2611.", with: "\(prefix).")
    }
}

extension ProcessingOutcome {
    var isReported: Bool { if case .reported = self { true } else { false } }
    var isDuplicate: Bool { if case .duplicate = self { true } else { false } }
    var isFailed: Bool { if case .failed = self { true } else { false } }
    var retryReason: RetryReason? { if case .retry(let reason) = self { reason } else { nil } }
    var reported: ReportedDigest? { if case .reported(let digest) = self { digest } else { nil } }
    var failure: JournalFailure? { if case .failed(let failure) = self { failure } else { nil } }
}
