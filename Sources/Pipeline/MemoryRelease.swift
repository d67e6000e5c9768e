#if canImport(Glibc)
    import Glibc
#endif

/// Hands freed heap memory back to the operating system after large transient allocations.
///
/// glibc keeps freed blocks for reuse; after TF-IDF frees the corpus text (~200 MB on 94k papers) that memory
/// would otherwise stay resident under the SVD's working set and count toward the peak, and the daemon would keep
/// a refit's or a vector load's garbage between digests. `malloc_trim` is looked up at run time (Swift's Glibc
/// module does not declare it); elsewhere this does nothing.
public enum MemoryRelease {
    public static func returnFreedMemory() {
        #if canImport(Glibc)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
