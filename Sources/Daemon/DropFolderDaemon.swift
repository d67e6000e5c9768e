import Logging
import PaperRadarCore
import Pipeline
import ServiceLifecycle
import Store

/// `paperradar watch` as a library call: wires the journal, the model keeper, the processor and the service, and
/// runs them in a `ServiceGroup` that shuts down gracefully on SIGTERM and SIGINT.
public enum DropFolderDaemon {
    /// Runs until graceful shutdown, or, with `configuration.once`, until the drop folder is processed.
    ///
    /// - Returns: what the run did.
    /// - Throws: ``DaemonError`` (another daemon watches the folder), ``FileSystemError`` (the drop folder cannot be
    ///   created or watched), or a store error; each with a message saying what to do.
    public static func run(
        configuration: DaemonConfiguration, store: PaperStore, logger: Logger
    ) async throws -> DropFolderService.Summary {
        let keeper = keeper(configuration: configuration, store: store, logger: logger)
        let service = service(configuration: configuration, store: store, keeper: keeper, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        return service.summary
    }

    /// The model keeper of a daemon over `store`: its refit policy and fit options are the configuration's. Share
    /// it with the other services of a process (the web app) so that they use one space.
    /// Configures the process's allocator for a long run (``MemoryRelease/unpoolLargeBlocks()``).
    public static func keeper(configuration: DaemonConfiguration, store: PaperStore, logger: Logger) -> ModelKeeper {
        MemoryRelease.unpoolLargeBlocks()
        return ModelKeeper(
            repository: ModelRepository(store: store), policy: configuration.refit,
            fitOptions: configuration.fitOptions, logger: logger)
    }

    /// The daemon as a service to run in a `ServiceGroup` beside others, over `keeper`'s space.
    public static func service(
        configuration: DaemonConfiguration, store: PaperStore, keeper: ModelKeeper, logger: Logger
    ) -> DropFolderService {
        let processor = DigestProcessor(
            configuration: configuration,
            journal: DigestJournal(store: JournalStore(store: store), layout: configuration.layout),
            intake: DigestIntake(store: store, maxBytes: configuration.maxBytes), keeper: keeper, logger: logger)
        return DropFolderService(configuration: configuration, processor: processor, logger: logger)
    }

    /// A logger writing one line per event to standard error, at `level` and above.
    public static func logger(level: Logger.Level, label: String = "paperradar.watch") -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = level
        return logger
    }
}
