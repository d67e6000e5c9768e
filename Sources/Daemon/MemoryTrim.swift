#if canImport(Glibc)
    import Glibc
#endif

/// Hands freed heap memory back to the operating system after large transient allocations (loading a corpus's
/// vectors, a refit), so the daemon's resident size stays near its working set between digests.
///
/// `malloc_trim` is looked up at run time (Swift's Glibc module does not declare it); elsewhere this does nothing.
enum MemoryTrim {
    static func returnFreedMemory() {
        #if canImport(Glibc)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
