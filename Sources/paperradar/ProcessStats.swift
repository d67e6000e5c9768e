import Foundation

/// Facts about this process, for benchmarks.
enum ProcessStats {
    /// Peak resident set size in MB (`VmHWM` in /proc/self/status), or `nil` where that is unavailable.
    static func peakResidentMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Double($0) }
            if let kB = digits.first { return kB / 1024 }
        }
        return nil
    }
}
