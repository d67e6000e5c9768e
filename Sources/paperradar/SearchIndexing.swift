import Logging
import PaperRadarCore
import Store

/// Brings the store's full-text index up to date before a long-running command starts (papers a bulk import
/// queued), so that neither the first digest nor the first search pays for it.
enum SearchIndexing {
    static func catchUp(_ store: PaperStore, logger: Logger) throws {
        let pending = try store.pendingSearchTextCount()
        guard pending > 0 else { return }
        logger.notice("indexing papers for search", metadata: ["papers": "\(pending)"])
        let watch = Stopwatch()
        try store.indexPendingSearchTexts()
        logger.notice("search index up to date", metadata: ["seconds": "\(String(format: "%.1f", watch.seconds))"])
    }
}
