import PaperRadarCore
/// Which BLAS / LAPACK implementation is live in this process, as resolved by the dynamic loader.
///
/// Debian installs the reference libraries and OpenBLAS side by side and `update-alternatives`
/// chooses which one `libblas.so.3` / `liblapack.so.3` name at run time, so the link line says
/// nothing about the code that actually runs. This value asks the loader (`dladdr` on `cblas_sgemm`)
/// and, when OpenBLAS is present, OpenBLAS itself (`openblas_get_config`, `openblas_get_num_threads`).
public struct BLASInfo: Sendable, Hashable, CustomStringConvertible {
    /// Shared object that provides `cblas_sgemm`, e.g. `/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3`.
    public let blasLibraryPath: String?
    /// Shared object that provides `sgesdd_`.
    public let lapackLibraryPath: String?
    /// `openblas_get_config()`, e.g. `OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`.
    public let openBLASConfig: String?
    /// `openblas_get_corename()`, the kernel family chosen at load time (e.g. `Haswell`).
    public let openBLASCoreName: String?
    /// `openblas_get_num_threads()`.
    public let threadCount: Int?

    /// Whether OpenBLAS is the live BLAS.
    public var isOpenBLAS: Bool { openBLASConfig != nil }

    /// A short name: `OpenBLAS 0.3.21 (Haswell, 2 threads)`, `reference BLAS (netlib)`, or the library file name.
    public var implementationName: String {
        if let config = openBLASConfig {
            let version = config.split(separator: " ").prefix(2).joined(separator: " ")
            var details: [String] = []
            if let core = openBLASCoreName { details.append(core) }
            if let threads = threadCount { details.append(threads == 1 ? "1 thread" : "\(threads) threads") }
            return details.isEmpty ? version : "\(version) (\(details.joined(separator: ", ")))"
        }
        guard let path = blasLibraryPath else { return "unknown BLAS" }
        // Debian's reference implementation lives in …/blas/libblas.so.3(.x.y).
        if path.contains("/blas/libblas.so") { return "reference BLAS (netlib)" }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    public var description: String {
        var lines = ["BLAS: \(implementationName)"]
        lines.append("  cblas_sgemm from \(blasLibraryPath ?? "?")")
        lines.append("  LAPACK sgesdd_ from \(lapackLibraryPath ?? "?")")
        if let config = openBLASConfig { lines.append("  config: \(config)") }
        return lines.joined(separator: "\n")
    }
}

extension BLAS {
    /// The BLAS / LAPACK implementation live in this process (queried afresh on every access).
    public static var liveImplementation: BLASInfo {
        BLASInfo(
            blasLibraryPath: sgemmLibraryPath(),
            lapackLibraryPath: lapackLibraryPath(),
            openBLASConfig: callStringFunction("openblas_get_config"),
            openBLASCoreName: callStringFunction("openblas_get_corename"),
            threadCount: callIntFunction("openblas_get_num_threads")
        )
    }

    /// The number of threads the live BLAS uses, when it can tell (OpenBLAS); `nil` otherwise.
    public static var threadCount: Int? { callIntFunction("openblas_get_num_threads") }

    /// Sets OpenBLAS's thread count (`openblas_set_num_threads`); returns `false` when the live BLAS has no such knob.
    ///
    /// This is process-wide state; it does not affect the `concurrentPerform` loops of this module.
    @discardableResult
    public static func setThreadCount(_ count: Int) -> Bool {
        precondition(count >= 1, "thread count must be positive")
        return callVoidIntFunction("openblas_set_num_threads", count)
    }

    /// Median GFLOP/s of a plain square `size`² single-precision GEMM (`C = A·B`, 2·size³ flops).
    ///
    /// One warm-up call, then `repetitions` timed calls on Gaussian data; this is the yardstick the
    /// top-k GEMM stage is compared against. Allocates 3·size² floats.
    /// - Complexity: O(repetitions · size³).
    public static func plainSGEMMGFLOPS(size: Int = 4096, repetitions: Int = 3) -> Double {
        precondition(size > 0 && repetitions > 0, "size and repetitions must be positive")
        let a = Matrix.randomGaussian(rows: size, columns: size, seed: 1)
        let b = Matrix.randomGaussian(rows: size, columns: size, seed: 2)
        var c = Matrix(rows: size, columns: size)
        Matrix.gemm(a, b, into: &c)
        var rates: [Double] = []
        for _ in 0..<repetitions {
            let seconds = Stopwatch.measure { Matrix.gemm(a, b, into: &c) }
            rates.append(2 * Double(size) * Double(size) * Double(size) / seconds / 1e9)
        }
        return rates.sorted()[rates.count / 2]
    }
}
