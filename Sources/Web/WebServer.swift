import Daemon
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Store

/// The web app as a service of a `ServiceGroup`: a Hummingbird server over one store and the model keeper's space.
public struct WebServer: Service {
    private let application: Application<RouterResponder<WebContext>>
    private let app: WebApp

    /// - Parameters:
    ///   - keeper: the model keeper whose space the pages use (share the daemon's when both run).
    ///   - onListening: called with the address once the server listens (`http://127.0.0.1:8547`).
    public init(
        configuration: ServeConfiguration, store: PaperStore, keeper: ModelKeeper, logger: Logger,
        onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        let app = WebApp(configuration: configuration, store: store, keeper: keeper, logger: logger)
        self.app = app
        let host = configuration.host
        application = Application(
            router: WebRoutes.router(app),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                app.boundPort = port
                let shown = host.contains(":") ? "[\(host)]" : host
                onListening("http://\(shown):\(port)")
                Task { await app.warmUp() }
            },
            logger: logger)
    }

    public func run() async throws {
        try await application.run()
    }
}
