#if canImport(Glibc)
    import Glibc
#endif
import FileIO

/// One event of a Linux inotify watch.
public struct InotifyEvent: Sendable, Hashable {
    public var watch: Int32
    public var mask: UInt32
    /// The entry inside the watched folder, when the event is about one.
    public var name: String?

    public init(watch: Int32, mask: UInt32, name: String?) {
        self.watch = watch
        self.mask = mask
        self.name = name
    }

    /// Whether any of `flags` (an `IN_*` constant) is set.
    public func has(_ flags: Int32) -> Bool { mask & UInt32(bitPattern: flags) != 0 }
}

/// A Linux inotify instance (non-blocking, close-on-exec), read with `poll` so that a reader thread can stop.
///
/// Thread safety: watches may be added and removed from any thread while one thread reads; the descriptor is
/// closed only by ``close()``, after the reader has stopped.
public final class Inotify: Sendable {
    /// The events the drop folder is watched for: files closed after writing, moved in, created (symlinks, hard
    /// links), removed or moved away, and the folder itself disappearing.
    public static let dropFolderMask: UInt32 = {
        #if canImport(Glibc)
            let flags = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF
                | IN_MOVE_SELF | IN_ONLYDIR
            return UInt32(bitPattern: flags)
        #else
            return 0
        #endif
    }()

    private let descriptor: Int32

    /// Opens an inotify instance.
    ///
    /// - Throws: ``FileSystemError`` when the kernel refuses (the per-user instance limit,
    ///   `fs.inotify.max_user_instances`, is the usual cause).
    public init() throws {
        #if canImport(Glibc)
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else {
                throw FileSystemError(
                    operation: .watch, path: "inotify", errno: errno,
                    hint: "raise fs.inotify.max_user_instances, or run with --once from a timer")
            }
            descriptor = fd
        #else
            throw FileSystemError(operation: .watch, path: "inotify", errno: ENOSYS, hint: "inotify needs Linux")
        #endif
    }

    /// Watches a folder; returns the watch descriptor.
    ///
    /// - Throws: ``FileSystemError`` (missing folder, permission denied, the watch limit
    ///   `fs.inotify.max_user_watches`).
    public func addWatch(_ path: String, mask: UInt32 = Inotify.dropFolderMask) throws -> Int32 {
        #if canImport(Glibc)
            let watch = inotify_add_watch(descriptor, path, mask)
            guard watch >= 0 else { throw FileSystemError(operation: .watch, path: path, errno: errno) }
            return watch
        #else
            throw FileSystemError(operation: .watch, path: path, errno: ENOSYS)
        #endif
    }

    /// Stops a watch (ignoring one the kernel already removed).
    public func removeWatch(_ watch: Int32) {
        #if canImport(Glibc)
            _ = inotify_rm_watch(descriptor, watch)
        #endif
    }

    /// Waits up to `timeoutMilliseconds` for events and returns every event available then (empty on timeout).
    public func waitForEvents(timeoutMilliseconds: Int32) -> [InotifyEvent] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, timeoutMilliseconds)
        guard ready > 0 else { return [] }
        var events: [InotifyEvent] = []
        // Room for many events at once; a single event needs at most 16 bytes + NAME_MAX + 1.
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            events += Self.decode(buffer[0..<count])
        }
        return events
    }

    /// Closes the instance; call once, after the reader stopped.
    public func close() {
        #if canImport(Glibc)
            _ = Glibc.close(descriptor)
        #endif
    }

    /// Decodes a buffer of `struct inotify_event` records (native byte order; the name NUL-padded).
    static func decode(_ bytes: ArraySlice<UInt8>) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        let bytes = Array(bytes)
        var offset = 0
        func word(_ at: Int) -> UInt32 {
            bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self) }
        }
        while offset + 16 <= bytes.count {
            let watch = Int32(bitPattern: word(offset))
            let mask = word(offset + 4)
            let length = Int(word(offset + 12))
            let nameStart = offset + 16
            let nameEnd = min(bytes.count, nameStart + length)
            let raw = bytes[nameStart..<nameEnd].prefix { $0 != 0 }
            let name = raw.isEmpty ? nil : String(decoding: raw, as: UTF8.self)
            events.append(InotifyEvent(watch: watch, mask: mask, name: name))
            offset = nameStart + length
        }
        return events
    }
}
