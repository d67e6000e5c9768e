import CLinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The only file that imports CLinearAlgebra: a thin, unchecked wrapper layer over CBLAS,
// Fortran LAPACK and the dynamic loader. Callers validate shapes before calling in here.

/// Namespace for the BLAS / LAPACK bindings and the live-implementation queries.
///
/// The raw kernels are internal; the public surface (`liveImplementation`, `setThreadCount`,
/// `plainSGEMMGFLOPS`) lives in `BLASInfo.swift`.
public enum BLAS {}

// MARK: - Level 1–3 BLAS (row-major)

extension BLAS {
    @inline(__always)
    static func int32(_ value: Int) -> Int32 {
        precondition(value >= 0 && value <= Int(Int32.max), "dimension exceeds the 32-bit BLAS interface")
        return Int32(truncatingIfNeeded: value)
    }

    /// Row-major `C ← α·op(A)·op(B) + β·C`, `op(A)` m×k, `op(B)` k×n, `C` m×n.
    ///
    /// - Complexity: O(m·n·k).
    static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            int32(m), int32(n), int32(k), alpha, a, int32(lda), b, int32(ldb), beta, c, int32(ldc))
    }

    /// Row-major `y ← α·op(A)·x + β·y` for an m×n `A`.
    ///
    /// - Complexity: O(m·n).
    static func sgemv(
        transpose: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
            int32(m), int32(n), alpha, a, int32(lda), x, 1, beta, y, 1)
    }

    /// `‖x‖₂` of `n` contiguous values (scaled to avoid overflow).
    ///
    /// - Complexity: O(n).
    static func snrm2(n: Int, x: UnsafePointer<Float>) -> Float {
        cblas_snrm2(int32(n), x, 1)
    }

    /// `x·y` of `n` contiguous values.
    ///
    /// - Complexity: O(n).
    static func sdot(n: Int, x: UnsafePointer<Float>, y: UnsafePointer<Float>) -> Float {
        cblas_sdot(int32(n), x, 1, y, 1)
    }
}

// MARK: - LAPACK (column-major)

/// Column-major LAPACK drivers. Each wrapper performs the workspace query itself and returns `info`.
enum LAPACK {
    /// Rounds a LAPACK workspace size (returned as Float) up to an Int with a little slack.
    private static func workspaceSize(_ query: Float, minimum: Int) -> Int {
        max(minimum, Int(query.rounded(.up)) + 64)
    }

    /// In-place Householder QR of the column-major m×n `a` (m ≥ n); reflectors below, R above, `tau` n.
    ///
    /// - Complexity: O(m·n²).
    static func sgeqrf(m: Int, n: Int, a: UnsafeMutablePointer<Float>, lda: Int, tau: UnsafeMutablePointer<Float>) -> Int32 {
        var m32 = BLAS.int32(m), n32 = BLAS.int32(n), lda32 = BLAS.int32(lda)
        var info: Int32 = 0, lwork: Int32 = -1, query: Float = 0
        sgeqrf_(&m32, &n32, a, &lda32, tau, &query, &lwork, &info)
        guard info == 0 else { return info }
        let size = workspaceSize(query, minimum: max(1, n))
        var work = [Float](repeating: 0, count: size)
        lwork = BLAS.int32(size)
        work.withUnsafeMutableBufferPointer { w in
            sgeqrf_(&m32, &n32, a, &lda32, tau, w.baseAddress, &lwork, &info)
        }
        return info
    }

    /// Overwrites the output of `sgeqrf` with the explicit m×n orthonormal factor Q (k reflectors).
    ///
    /// - Complexity: O(m·n·k).
    static func sorgqr(m: Int, n: Int, k: Int, a: UnsafeMutablePointer<Float>, lda: Int, tau: UnsafePointer<Float>) -> Int32 {
        var m32 = BLAS.int32(m), n32 = BLAS.int32(n), k32 = BLAS.int32(k), lda32 = BLAS.int32(lda)
        var info: Int32 = 0, lwork: Int32 = -1, query: Float = 0
        sorgqr_(&m32, &n32, &k32, a, &lda32, tau, &query, &lwork, &info)
        guard info == 0 else { return info }
        let size = workspaceSize(query, minimum: max(1, n))
        var work = [Float](repeating: 0, count: size)
        lwork = BLAS.int32(size)
        work.withUnsafeMutableBufferPointer { w in
            sorgqr_(&m32, &n32, &k32, a, &lda32, tau, w.baseAddress, &lwork, &info)
        }
        return info
    }

    /// Thin SVD (`jobz = 'S'`) of the column-major m×n `a` (destroyed): `u` m×r, `s` r, `vt` r×n, r = min(m, n).
    ///
    /// - Complexity: O(m·n·min(m, n)).
    static func sgesddThin(
        m: Int, n: Int, a: UnsafeMutablePointer<Float>, lda: Int,
        s: UnsafeMutablePointer<Float>, u: UnsafeMutablePointer<Float>, ldu: Int,
        vt: UnsafeMutablePointer<Float>, ldvt: Int
    ) -> Int32 {
        var jobz = CChar(UInt8(ascii: "S"))
        var m32 = BLAS.int32(m), n32 = BLAS.int32(n), lda32 = BLAS.int32(lda)
        var ldu32 = BLAS.int32(ldu), ldvt32 = BLAS.int32(ldvt)
        var info: Int32 = 0, lwork: Int32 = -1, query: Float = 0
        var iwork = [Int32](repeating: 0, count: 8 * max(1, min(m, n)))
        iwork.withUnsafeMutableBufferPointer { iw in
            sgesdd_(&jobz, &m32, &n32, a, &lda32, s, u, &ldu32, vt, &ldvt32, &query, &lwork, iw.baseAddress, &info, 1)
        }
        guard info == 0 else { return info }
        let size = workspaceSize(query, minimum: 1)
        var work = [Float](repeating: 0, count: size)
        lwork = BLAS.int32(size)
        work.withUnsafeMutableBufferPointer { w in
            iwork.withUnsafeMutableBufferPointer { iw in
                sgesdd_(&jobz, &m32, &n32, a, &lda32, s, u, &ldu32, vt, &ldvt32, w.baseAddress, &lwork, iw.baseAddress, &info, 1)
            }
        }
        return info
    }

    /// Eigen-decomposition of the symmetric n×n `a` (upper triangle read): eigenvalues ascending in `w`,
    /// eigenvectors overwrite `a` column-major (column j ↔ `w[j]`).
    ///
    /// - Complexity: O(n³).
    static func ssyevd(n: Int, a: UnsafeMutablePointer<Float>, lda: Int, w: UnsafeMutablePointer<Float>) -> Int32 {
        var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "U"))
        var n32 = BLAS.int32(n), lda32 = BLAS.int32(lda)
        var info: Int32 = 0, lwork: Int32 = -1, liwork: Int32 = -1
        var query: Float = 0, iquery: Int32 = 0
        ssyevd_(&jobz, &uplo, &n32, a, &lda32, w, &query, &lwork, &iquery, &liwork, &info, 1, 1)
        guard info == 0 else { return info }
        let size = workspaceSize(query, minimum: 1 + 6 * n + 2 * n * n)
        let isize = max(Int(iquery), 3 + 5 * n)
        var work = [Float](repeating: 0, count: size)
        var iwork = [Int32](repeating: 0, count: isize)
        lwork = BLAS.int32(size)
        liwork = BLAS.int32(isize)
        work.withUnsafeMutableBufferPointer { wk in
            iwork.withUnsafeMutableBufferPointer { iw in
                ssyevd_(&jobz, &uplo, &n32, a, &lda32, w, wk.baseAddress, &lwork, iw.baseAddress, &liwork, &info, 1, 1)
            }
        }
        return info
    }
}

// MARK: - Dynamic loader queries

extension BLAS {
    /// Real path (symlinks resolved) of the shared object that defines the code at `address`, if the loader knows it.
    private static func sharedObjectPath(containing address: UnsafeRawPointer) -> String? {
        var info = cla_dl_info()
        guard cla_dladdr(address, &info) != 0, let name = info.dli_fname else { return nil }
        // Resolve the symlink chain (/lib/…/libblas.so.3 → /etc/alternatives/… → the real file).
        #if canImport(Glibc) || canImport(Darwin)
        if let resolved = realpath(name, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        #endif
        return String(cString: name)
    }

    /// The shared object providing `cblas_sgemm` in this process.
    static func sgemmLibraryPath() -> String? {
        let function: @convention(c) (
            CBLAS_LAYOUT, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32, Float,
            UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
        ) -> Void = cblas_sgemm
        return sharedObjectPath(containing: unsafeBitCast(function, to: UnsafeRawPointer.self))
    }

    /// The shared object providing `sgesdd_` in this process.
    static func lapackLibraryPath() -> String? {
        guard let symbol = globalSymbol("sgesdd_") else { return nil }
        return sharedObjectPath(containing: UnsafeRawPointer(symbol))
    }

    /// Looks `name` up in the global symbol scope of the process.
    static func globalSymbol(_ name: String) -> UnsafeMutableRawPointer? {
        #if canImport(Glibc) || canImport(Darwin)
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(handle) }
        return dlsym(handle, name)
        #else
        return nil
        #endif
    }

    /// Calls `char *name(void)` if the symbol exists (e.g. `openblas_get_config`).
    static func callStringFunction(_ name: String) -> String? {
        guard let symbol = globalSymbol(name) else { return nil }
        let function = unsafeBitCast(symbol, to: (@convention(c) () -> UnsafePointer<CChar>?).self)
        guard let result = function() else { return nil }
        return String(cString: result)
    }

    /// Calls `int name(void)` if the symbol exists (e.g. `openblas_get_num_threads`).
    static func callIntFunction(_ name: String) -> Int? {
        guard let symbol = globalSymbol(name) else { return nil }
        let function = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)
        return Int(function())
    }

    /// Calls `void name(int)` if the symbol exists (e.g. `openblas_set_num_threads`); returns whether it did.
    static func callVoidIntFunction(_ name: String, _ argument: Int) -> Bool {
        guard let symbol = globalSymbol(name) else { return false }
        let function = unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Void).self)
        function(Int32(clamping: argument))
        return true
    }
}
