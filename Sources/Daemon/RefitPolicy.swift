import Foundation

/// When the daemon refits its models in the background.
///
/// A refit is due when the store has grown by `growth` (a fraction: 0.2 = 20 %) since the model was fitted, or when
/// the model is older than `interval` — in both cases only when papers were added since the fit. `growth` 0 and
/// `interval` nil disable the respective trigger.
public struct RefitPolicy: Sendable, Hashable {
    public var growth: Double
    /// Seconds; nil for no schedule.
    public var interval: TimeInterval?

    public init(growth: Double = 0.2, interval: TimeInterval? = 24 * 3600) {
        self.growth = growth
        self.interval = interval
    }

    /// Why a refit is due.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        case growth(from: Int, to: Int)
        case schedule(ageSeconds: TimeInterval)

        public var description: String {
            switch self {
            case .growth(let from, let to):
                let percent = from > 0 ? Int((Double(to - from) / Double(from) * 100).rounded()) : 100
                return "the store grew from \(from) to \(to) papers (+\(percent) %) since the model was fitted"
            case .schedule(let age):
                return "the model is \(String(format: "%.1f", age / 3600)) h old"
            }
        }
    }

    /// Whether a model fitted on `modelPaperCount` papers at `fittedAt` should be refitted now that the store holds
    /// `paperCount` papers.
    public func reason(modelPaperCount: Int, fittedAt: Date, paperCount: Int, now: Date = Date()) -> Reason? {
        guard paperCount > modelPaperCount else { return nil }
        if growth > 0, Double(paperCount - modelPaperCount) >= growth * Double(max(1, modelPaperCount)) {
            return .growth(from: modelPaperCount, to: paperCount)
        }
        if let interval, now.timeIntervalSince(fittedAt) >= interval {
            return .schedule(ageSeconds: now.timeIntervalSince(fittedAt))
        }
        return nil
    }
}
