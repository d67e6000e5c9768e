import ArgumentParser
import Daemon
import Foundation
import Store

/// `paperradar status`: what the watch daemon did and is doing.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the watch daemon's queue, processed digests and their reports, duplicates, failures, model "
            + "age and corpus size.",
        discussion: """
            Reads the store's journal, so it works whether or not the daemon is running. The drop folder is the one \
            the daemon last watched with this store, unless --drop names another.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "The drop folder (default: the one the daemon last watched).") var drop: String?
    @Flag(name: .long, help: "Print JSON (every item, not only the latest).") var json = false
    @Option(name: .long, help: "Items listed per section in the text form.") var limit = 10

    func run() throws {
        let store = try storeOptions.openStore()
        let status: DaemonStatus
        do {
            status = try DaemonStatus.gather(store: store, drop: drop.map { URL(fileURLWithPath: $0) })
        } catch let error as StoreError {
            throw CLIError(error.message)
        }
        if json {
            print(try PaperJSON.encode(status, pretty: true))
        } else {
            Terminal.write(status.rendered(limit: max(1, limit)))
        }
    }
}
