import Foundation
import PaperRadarCore
import Pipeline
import Recommendation
import Reports

/// Everything `paperradar watch` was asked to do.
public struct DaemonConfiguration: Sendable {
    public var layout: DropFolderLayout
    /// Report formats, written in this order (`md` first by default).
    public var formats: [ReportFormat]
    /// Seconds a file must be stable after a close-after-write or moved-in event (see ``SettleCheck``).
    public var settle: Double
    /// Seconds a file must be stable without such an event; nil for the default (5 × settle, at least 1 s).
    public var quiet: Double?
    /// Files larger than this many bytes go to `failed/`.
    public var maxBytes: Int
    /// Digests with more papers than this go to `failed/`.
    public var maxPapers: Int
    /// Related papers per digest paper in reports.
    public var relatedCount: Int
    public var refit: RefitPolicy
    /// Seconds between full scans of the drop folder (a safety net for missed events).
    public var rescanInterval: Double
    /// Process what is there and exit.
    public var once: Bool
    /// Options of the first fit and of refits.
    public var fitOptions: FitOptions
    /// Orders each report by a reader's profile, when given.
    public var profile: ReportProfile?
    /// Backoff of transient retries: first delay and cap, in seconds.
    public var retryBackoff: (initial: Double, maximum: Double)
    /// Mail and hooks after each report, and their retries.
    public var delivery: DeliverySettings
    /// The rolling feeds in the reports folder.
    public var feeds: FeedSettings

    public init(
        layout: DropFolderLayout, formats: [ReportFormat] = [.markdown], settle: Double = 0.05, quiet: Double? = nil,
        maxBytes: Int = 64 << 20, maxPapers: Int = 10_000, relatedCount: Int = 5, refit: RefitPolicy = RefitPolicy(),
        rescanInterval: Double = 30, once: Bool = false, fitOptions: FitOptions = FitOptions(),
        profile: ReportProfile? = nil, retryBackoff: (initial: Double, maximum: Double) = (1, 60),
        delivery: DeliverySettings = DeliverySettings(), feeds: FeedSettings = FeedSettings()
    ) {
        self.layout = layout
        self.formats = formats
        self.settle = settle
        self.quiet = quiet
        self.maxBytes = maxBytes
        self.maxPapers = maxPapers
        self.relatedCount = relatedCount
        self.refit = refit
        self.rescanInterval = rescanInterval
        self.once = once
        self.fitOptions = fitOptions
        self.profile = profile
        self.retryBackoff = retryBackoff
        self.delivery = delivery
        self.feeds = feeds
    }
}

/// A reader's profile applied to every report: the digest's papers are listed best first for it.
public struct ReportProfile: Sendable {
    /// What the profile is called in each report's provenance (its file name).
    public var name: String
    public var profile: ReadingProfile

    public init(name: String, profile: ReadingProfile) {
        self.name = name
        self.profile = profile
    }
}
