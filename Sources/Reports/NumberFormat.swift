/// Locale-independent number formatting for every report format.
///
/// All functions are pure and deterministic (no locale, no `printf`), never print `nan` or `inf`, and round half
/// away from zero on the decimal digits shown.
public enum NumberFormat {
    /// What reports print for a number that is not finite.
    static let notANumber = "n/a"

    /// `value` with exactly `decimals` decimals (`0.83`, `-1.50`); ``notANumber`` when not finite.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        digits(value, decimals: decimals, trimmingZeros: false)
    }

    /// `value` with at most `maxDecimals` decimals and no trailing zeros (`0.5`, `12`, `-3.25`).
    ///
    /// SVG coordinates use this form; a value that is not finite prints as `0` there, see ``coordinate(_:)``.
    static func trimmed(_ value: Double, maxDecimals: Int) -> String {
        digits(value, decimals: maxDecimals, trimmingZeros: true)
    }

    /// The decimal digits of `value` rounded to `decimals` decimals.
    ///
    /// Written byte by byte: charts print thousands of coordinates.
    private static func digits(_ value: Double, decimals: Int, trimmingZeros: Bool) -> String {
        guard value.isFinite else { return notANumber }
        var fractionDigits = max(0, min(decimals, 9))
        let scaled = (value.magnitude * Double(powerOfTen(fractionDigits))).rounded()
        guard scaled < 9e15 else { return "\(value)" }
        var units = Int(scaled)
        if trimmingZeros {
            while fractionDigits > 0 && units % 10 == 0 {
                units /= 10
                fractionDigits -= 1
            }
        }
        // Digits from the last: the fraction, the point, the whole part, the sign.
        var reversed: [UInt8] = []
        reversed.reserveCapacity(24)
        var remaining = units
        for _ in 0..<fractionDigits {
            reversed.append(UInt8(ascii: "0") + UInt8(remaining % 10))
            remaining /= 10
        }
        if fractionDigits > 0 { reversed.append(UInt8(ascii: ".")) }
        repeat {
            reversed.append(UInt8(ascii: "0") + UInt8(remaining % 10))
            remaining /= 10
        } while remaining > 0
        if value < 0 && units != 0 { reversed.append(UInt8(ascii: "-")) }
        return String(decoding: reversed.reversed(), as: UTF8.self)
    }

    /// An SVG coordinate or length: at most 2 decimals, `0` when not finite.
    static func coordinate(_ value: Double) -> String {
        value.isFinite ? trimmed(value, maxDecimals: 2) : "0"
    }

    /// `share` (0…1) as a percentage with at most `maxDecimals` decimals and a space before the sign (`23.4 %`).
    public static func percent(_ share: Double, maxDecimals: Int = 1) -> String {
        guard share.isFinite else { return notANumber }
        return trimmed(share * 100, maxDecimals: maxDecimals) + " %"
    }

    /// An integer with thousands separated by commas (`12,345`).
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }

    /// `value` rounded to `decimals` decimals as a `Double` (unchanged when not finite).
    static func rounded(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite else { return value }
        let scale = Double(powerOfTen(max(0, min(decimals, 9))))
        let result = (value * scale).rounded() / scale
        guard result.isFinite else { return value }
        return result == 0 ? 0 : result
    }

    private static func powerOfTen(_ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
