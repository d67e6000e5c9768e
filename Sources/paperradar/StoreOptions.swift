import ArgumentParser
import Pipeline
import Store

/// `--home`: where the store lives (default `$PAPERRADAR_HOME`, else `~/.local/share/paperradar`).
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "PaperRadar's data folder (default: $PAPERRADAR_HOME, else $XDG_DATA_HOME/paperradar or ~/.local/share/paperradar).")
    var home: String?

    var location: StoreLocation { StoreLocation.resolve(explicit: home) }

    func openStore() throws -> PaperStore {
        do {
            return try PaperStore(location: location)
        } catch let error as StoreError {
            throw CLIError(error.message)
        }
    }

    /// The store's models.
    func openRepository() throws -> ModelRepository {
        ModelRepository(store: try openStore())
    }

    /// The store and its vector space with every stored paper (papers stored since the last fit are folded in).
    func openSpace() throws -> (store: PaperStore, space: VectorSpace) {
        let repository = try openRepository()
        return (repository.store, try CLIError.translating { try repository.openSpace() })
    }
}

/// `--max-size`: the digest size limit, with K/M/G suffixes.
struct SizeLimitOptions: ParsableArguments {
    @Option(name: .long, help: "Refuse digest files larger than this (bytes, or with K, M, G suffix).")
    var maxSize: ByteCount = ByteCount(64 << 20)
}

/// A byte count written as `65536`, `64K`, `64M` or `1G`.
struct ByteCount: ExpressibleByArgument, CustomStringConvertible {
    var value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        let text = argument.uppercased().replacingOccurrences(of: "IB", with: "").replacingOccurrences(of: "B", with: "")
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = text.last, let multiplier = multipliers[last], let n = Int(text.dropLast()), n > 0 {
            value = n * multiplier
        } else if let n = Int(text), n > 0 {
            value = n
        } else {
            return nil
        }
    }

    var description: String {
        value % (1 << 20) == 0 ? "\(value >> 20)M" : "\(value)"
    }
}
