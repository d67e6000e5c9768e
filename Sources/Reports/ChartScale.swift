import Foundation

/// A linear map from data values to SVG coordinates, over a "nice" domain with evenly spaced ticks.
///
/// The domain always has a positive width, whatever the data: no values, one value, all values equal or values that
/// are not finite give a unit-wide domain around the value (or `0…1`), so positions are always finite.
struct ChartScale {
    /// The domain, `lower < upper`: multiples of ``step`` unless padded.
    let lower: Double
    let upper: Double
    /// The distance between ticks.
    let step: Double
    /// The coordinates ``lower`` and ``upper`` map to (`start > end` for a y axis).
    let start: Double
    let end: Double

    /// A scale over the finite `values`, widened to nice tick boundaries with about `tickCount` ticks.
    ///
    /// - Parameters:
    ///   - includeZero: The domain also covers 0 (counts, scores).
    ///   - integerSteps: Ticks are whole numbers (counts).
    ///   - padding: Room added on both sides, as a share of the data's range (so that points stay off the axes);
    ///     a padded domain ends where the padding ends instead of at the next tick.
    init(
        values: some Sequence<Double>, from start: Double, to end: Double, tickCount: Int = 5,
        includeZero: Bool = false,
        integerSteps: Bool = false, padding: Double = 0
    ) {
        var low = Double.infinity
        var high = -Double.infinity
        for value in values where value.isFinite {
            low = min(low, value)
            high = max(high, value)
        }
        if low > high { (low, high) = (0, 1) }
        if includeZero { (low, high) = (min(low, 0), max(high, 0)) }
        let magnitude = max(1, low.magnitude, high.magnitude)
        if high - low <= 1e-9 * magnitude {
            let centre = (low + high) / 2
            if includeZero && centre == 0 {
                (low, high) = (0, 1)
            } else if includeZero {
                (low, high) = centre > 0 ? (0, centre * 2) : (centre * 2, 0)
            } else {
                let half = max(centre.magnitude * 0.1, 1)
                (low, high) = (centre - half, centre + half)
            }
        }
        let room = (high - low) * max(0, padding)
        (low, high) = (low - room, high + room)
        var step = Self.niceStep((high - low) / Double(max(1, tickCount)))
        if integerSteps { step = max(1, step.rounded()) }
        if room > 0 {
            (self.lower, self.upper) = (low, high)
        } else {
            self.lower = (low / step).rounded(.down) * step
            self.upper = max((high / step).rounded(.up) * step, lower + step)
        }
        self.step = step
        self.start = start
        self.end = end
    }

    /// The coordinate of `value` (values outside the domain map outside `start…end`).
    func position(_ value: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// The multiples of ``step`` from ``lower`` to ``upper``.
    var ticks: [Double] {
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        let count = min(Int(last - first), 50)
        return (0...count).map { (first + Double($0)) * step }
    }

    /// A tick value as text, with as many decimals as the step needs (`0.25`, `10`).
    func label(_ tick: Double) -> String {
        let decimals = step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
        return NumberFormat.trimmed(tick, maxDecimals: decimals)
    }

    /// 1, 2 or 5 times a power of ten, near `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * power
    }
}
