import ArgumentParser
import Daemon
import FileIO
import Foundation
import Logging
import ServiceLifecycle
import Store
import Web

/// `paperradar serve`: the web app (and, with --watch, the drop-folder daemon) in one process.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read, search and rate papers in the browser; the reading list learns from every click.",
        discussion: """
            Serves the digests, papers, search, topics, the reading list, its settings and Atom feeds on \
            http://HOST:PORT (every page also as JSON with ?format=json). Ratings go to the stored profile \
            --profile (default "default"). With --watch DROP_DIR the drop-folder daemon runs in the same process \
            over the same store and model (its options are those of `paperradar watch`): a digest it processes \
            shows up in the app at once. Binding another address than loopback needs a token: --token, or one is \
            generated into the store folder's serve-token file (mode 0600); every request must then carry it \
            (log in with the form, or send Authorization: Bearer TOKEN). SIGTERM or Ctrl-C stops gracefully.
            """)

    @Option(name: .long, help: "The address to listen on.") var host = "127.0.0.1"
    @Option(name: .long, help: "The port to listen on (0: any free port, printed at start).") var port = 8547
    @Option(name: .long, help: "The token every request must carry (required off loopback; generated if not given).")
    var token: String?
    @Option(name: .long, help: "Another host name the server answers to (repeatable; the Host header is checked).")
    var allowHost: [String] = []
    @Option(name: .long, help: "The stored profile to rate into and read the reading list of.")
    var profile = PaperStore.defaultProfile
    @Option(name: .long, help: "Also watch this drop folder (the daemon of `paperradar watch`, in this process).")
    var watch: String?
    @OptionGroup var watchOptions: WatchOptions
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        try watchOptions.validate()
        _ = try LogLevel.parse(logLevel)
        do {
            try PaperStore.validateProfileName(profile)
        } catch let error as StoreError {
            throw ValidationError("--profile: \(error.message)")
        }
        if let token, !token.isEmpty, token.utf8.count < 16 || token.contains(where: { $0 == " " || $0 == "\"" }) {
            throw ValidationError("--token must be at least 16 characters, without spaces or quotes")
        }
    }

    func run() async throws {
        let logger = DropFolderDaemon.logger(level: try LogLevel.parse(logLevel), label: "paperradar.serve")
        let store = try storeOptions.openStore()
        try SearchIndexing.catchUp(store, logger: logger)
        var token = token
        if token == nil && !ServeConfiguration.isLoopback(host) {
            do {
                let stored = try WebTokens.storedToken(in: storeOptions.location.home.path)
                token = stored.token
                Terminal.error(
                    "\(host) is not loopback, so every request needs a token: "
                        + (stored.created ? "generated one into " : "using the one in ")
                        + "\(storeOptions.location.home.path)/\(WebTokens.fileName) (mode 0600)")
            } catch let error as WebError {
                throw CLIError(error.message)
            } catch let error as FileSystemError {
                throw CLIError(error.description)
            }
        }
        let configuration = ServeConfiguration(
            host: host, port: port, token: token, allowedHosts: allowHost, profile: profile)
        let daemonConfiguration = try watchOptions.configuration(
            dropFolder: watch ?? ".", once: false, profile: nil)
        let keeper = DropFolderDaemon.keeper(configuration: daemonConfiguration, store: store, logger: logger)
        let web = WebServer(configuration: configuration, store: store, keeper: keeper, logger: logger) { address in
            // Scripts and tests read the address from this line.
            Terminal.write("listening on \(address)\n")
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: web, successTerminationBehavior: .gracefullyShutdownGroup)
        ]
        if watch != nil {
            let daemon = DropFolderDaemon.service(
                configuration: daemonConfiguration, store: store, keeper: keeper, logger: logger)
            services.append(.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as DaemonError {
            throw CLIError(error.message)
        } catch let error as FileSystemError {
            throw CLIError(error.description)
        } catch {
            throw CLIError("the server stopped: \(error)")
        }
    }
}
