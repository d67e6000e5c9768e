#if canImport(Glibc)
    import Glibc
#endif

/// Hands freed heap memory back to the operating system after large transient allocations.
///
/// glibc keeps freed blocks for reuse; after TF-IDF frees the corpus text (~200 MB on 94k papers, 2.9 GB on 2.6 M)
/// that memory would otherwise stay resident under the rows assembled next and the SVD's working set and count
/// toward the peak, and the daemon would keep a refit's or a vector load's garbage between digests. `malloc_trim` is looked up at run time (Swift's Glibc
/// module does not declare it); elsewhere this does nothing.
public enum MemoryRelease {
    /// Makes every allocation of 256 KiB or more a mapping of its own, returned to the system when freed.
    ///
    /// For long-running processes (the daemon, the web app) whose model arrays, report transients and background
    /// refits come and go on several threads: glibc otherwise raises its mapping threshold up to 32 MiB after the
    /// first large free, so medium blocks (score tiles, per-digest arrays) pile up in per-thread arenas and stay
    /// resident beside a refit's working set. Measured on the 93,739-paper store: the daemon's peak during a
    /// background refit drops by about 50 MB, at no measurable cost in report latency.
    public static func unpoolLargeBlocks() {
        #if canImport(Glibc)
            typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            _ = unsafeBitCast(symbol, to: MallOpt.self)(mmapThreshold, 256 * 1024)
        #endif
    }

    public static func returnFreedMemory() {
        #if canImport(Glibc)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
