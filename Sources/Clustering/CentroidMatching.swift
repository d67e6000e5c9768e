import LinearAlgebra

/// What happened to a topic between two fits.
public enum TopicEventKind: String, Sendable, Hashable, CaseIterable {
    /// A new centroid matched no previous one: it gets a fresh id.
    case appeared
    /// Matched, and its share (or size) rose by more than the threshold.
    case grew
    /// Matched, and its share (or size) fell by more than the threshold.
    case shrank
    /// Matched, size change within the threshold.
    case stable
    /// A previous centroid matched no new one.
    case vanished
}

/// One topic's fate in a refit, for the store to persist.
public struct TopicEvent: Sendable, Hashable {
    /// Stable topic id (kept across refits when matched).
    public var id: Int
    public var kind: TopicEventKind
    /// Row of the topic in the previous centroids (`nil` for `.appeared`).
    public var previousIndex: Int?
    /// Row of the topic in the new centroids (`nil` for `.vanished`).
    public var currentIndex: Int?
    /// Cosine between the matched previous and new centroids (`nil` unless matched).
    public var cosine: Float?
    /// Sizes before and after (`nil` where the topic does not exist).
    public var previousSize: Int?
    public var currentSize: Int?

    public init(
        id: Int, kind: TopicEventKind, previousIndex: Int?, currentIndex: Int?, cosine: Float?,
        previousSize: Int?, currentSize: Int?
    ) {
        self.id = id
        self.kind = kind
        self.previousIndex = previousIndex
        self.currentIndex = currentIndex
        self.cosine = cosine
        self.previousSize = previousSize
        self.currentSize = currentSize
    }
}

/// The outcome of matching a refit to the previous topics.
public struct TopicMatching: Sendable, Hashable {
    /// Topic id of every new centroid row.
    public var ids: [Int]
    /// Events: one per new centroid in row order (appeared / grew / shrank / stable), then one `.vanished`
    /// per unmatched previous topic in previous row order.
    public var events: [TopicEvent]
    /// The smallest id not yet used (pass it as `nextID` to the next refit so ids are never reused).
    public var nextID: Int

    /// Events of one kind.
    public func events(_ kind: TopicEventKind) -> [TopicEvent] { events.filter { $0.kind == kind } }
}

/// Stable topic ids across refits: optimal one-to-one matching of new centroids to previous ones by cosine.
///
/// The matching maximises the summed cosine over pairs whose cosine is at least `minimumCosine` (Hungarian
/// algorithm on the k_prev × k_new cosine matrix, pairs below the threshold weighted 0 and dropped). Matched new
/// centroids inherit the previous id; unmatched new ones get fresh ids `nextID, nextID + 1, …` in row order;
/// unmatched previous ones vanish. A matched topic grew / shrank when its relative change
/// `after / before − 1` exceeds `+sizeChangeThreshold` / falls below `−sizeChangeThreshold`, where before and
/// after are corpus shares (size / total size) when `comparesShares`, raw sizes otherwise.
public struct CentroidMatching: Sendable, Hashable {
    /// Least cosine for two centroids to count as the same topic, in (0, 1]. Default 0.5.
    public var minimumCosine: Float
    /// Relative size (or share) change beyond which a matched topic grew or shrank. Default 0.10 (±10 %).
    public var sizeChangeThreshold: Double
    /// Compare shares of the corpus (true) or raw sizes (false); shares keep a growing corpus from making
    /// every topic "grow". Default true.
    public var comparesShares: Bool

    public init(minimumCosine: Float = 0.5, sizeChangeThreshold: Double = 0.10, comparesShares: Bool = true) {
        self.minimumCosine = minimumCosine
        self.sizeChangeThreshold = sizeChangeThreshold
        self.comparesShares = comparesShares
    }

    /// Matches `currentCentroids` (k_new × d) to `previousCentroids` (k_prev × d, ids `previousIDs`).
    ///
    /// Centroid rows are renormalised before the cosines are taken. `nextID` defaults to `max(previousIDs) + 1`
    /// (0 when there were none). Sizes are topic sizes (≥ 0), one per row.
    /// - Complexity: O(k_prev·k_new·d + min(k_prev, k_new)²·max(k_prev, k_new)).
    public func match(
        previousIDs: [Int], previousCentroids: Matrix, previousSizes: [Int],
        currentCentroids: Matrix, currentSizes: [Int], nextID: Int? = nil
    ) -> TopicMatching {
        precondition(minimumCosine > 0 && minimumCosine <= 1, "CentroidMatching: minimumCosine must be in (0, 1]")
        precondition(sizeChangeThreshold >= 0, "CentroidMatching: sizeChangeThreshold must be ≥ 0")
        precondition(previousIDs.count == previousCentroids.rows && previousSizes.count == previousCentroids.rows,
                     "CentroidMatching: previous ids, centroids and sizes differ in count")
        precondition(currentSizes.count == currentCentroids.rows, "CentroidMatching: one size per new centroid")
        precondition(Set(previousIDs).count == previousIDs.count, "CentroidMatching: previous ids must be unique")
        precondition(previousCentroids.rows == 0 || currentCentroids.rows == 0
                     || previousCentroids.columns == currentCentroids.columns,
                     "CentroidMatching: centroid dimensions differ")
        let firstFresh = nextID ?? ((previousIDs.max() ?? -1) + 1)
        precondition(previousIDs.allSatisfy { $0 < firstFresh }, "CentroidMatching: nextID must exceed every id")

        let previousCount = previousCentroids.rows, currentCount = currentCentroids.rows
        // previous → current partner and cosine.
        var partner = [Int?](repeating: nil, count: previousCount)
        var cosines = Matrix(rows: previousCount, columns: currentCount)
        if previousCount > 0 && currentCount > 0 {
            cosines = previousCentroids.normalizedRows()
                .multiplied(by: currentCentroids.normalizedRows(), transposeOther: true)
            let weights = (0..<previousCount).map { p in
                (0..<currentCount).map { c -> Double in
                    let cosine = cosines[p, c]
                    return cosine >= minimumCosine ? Double(cosine) : 0
                }
            }
            let assignment = Hungarian.assignment(maximizing: weights)
            for p in 0..<previousCount {
                if let c = assignment[p], cosines[p, c] >= minimumCosine { partner[p] = c }
            }
        }
        var currentPartner = [Int?](repeating: nil, count: currentCount)
        for p in 0..<previousCount { if let c = partner[p] { currentPartner[c] = p } }

        let previousTotal = Double(max(1, previousSizes.reduce(0, +)))
        let currentTotal = Double(max(1, currentSizes.reduce(0, +)))
        var ids = [Int](repeating: 0, count: currentCount)
        var events: [TopicEvent] = []
        var fresh = firstFresh
        for c in 0..<currentCount {
            if let p = currentPartner[c] {
                ids[c] = previousIDs[p]
                let before = comparesShares ? Double(previousSizes[p]) / previousTotal : Double(previousSizes[p])
                let after = comparesShares ? Double(currentSizes[c]) / currentTotal : Double(currentSizes[c])
                events.append(TopicEvent(
                    id: ids[c], kind: classify(before: before, after: after), previousIndex: p, currentIndex: c,
                    cosine: cosines[p, c], previousSize: previousSizes[p], currentSize: currentSizes[c]))
            } else {
                ids[c] = fresh
                fresh += 1
                events.append(TopicEvent(
                    id: ids[c], kind: .appeared, previousIndex: nil, currentIndex: c, cosine: nil,
                    previousSize: nil, currentSize: currentSizes[c]))
            }
        }
        for p in 0..<previousCount where partner[p] == nil {
            events.append(TopicEvent(
                id: previousIDs[p], kind: .vanished, previousIndex: p, currentIndex: nil, cosine: nil,
                previousSize: previousSizes[p], currentSize: nil))
        }
        return TopicMatching(ids: ids, events: events, nextID: fresh)
    }

    /// grew / shrank / stable from the relative change `after / before − 1` (before = 0: grew if after > 0).
    func classify(before: Double, after: Double) -> TopicEventKind {
        guard before > 0 else { return after > 0 ? .grew : .stable }
        let change = after / before - 1
        if change > sizeChangeThreshold { return .grew }
        if change < -sizeChangeThreshold { return .shrank }
        return .stable
    }
}
