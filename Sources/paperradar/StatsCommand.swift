import ArgumentParser
import Foundation
import Store

/// `paperradar stats`: what the store holds.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show papers (and how many are title-only), digests, formats, date range and top categories in the store.")

    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let store = try storeOptions.openStore()
        let stats = try store.stats()
        if json {
            print(try PaperJSON.encode(stats, pretty: true))
            return
        }
        print("store:       \(storeOptions.location.databaseURL.path)")
        print(
            "papers:      \(stats.paperCount) (\(stats.versionCount) versions seen, \(stats.titleOnlyCount) title-only "
                + "without an abstract yet)")
        let formats = stats.formats.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        print("digests:     \(stats.digestCount)" + (formats.isEmpty ? "" : " (\(formats.joined(separator: ", ")))"))
        print("imports:     \(stats.importCount)")
        if let first = stats.firstDate, let last = stats.lastDate { print("dates:       \(first) … \(last)") }
        if !stats.topCategories.isEmpty {
            print("categories:  " + stats.topCategories.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
        }
        if !stats.topTags.isEmpty {
            print("tags:        " + stats.topTags.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
        }
    }
}
