import LinearAlgebra
import PaperRadarCore
import Recommendation
import Store

/// Every paper's LSA candidates for related papers, computed once for a space (all pairs, on and above the
/// diagonal) so that a long-running process (the web app) answers "related to this paper" without scanning the
/// whole neighbour view per request; the same answer as ``RelatedQueries/related(to:top:)``.
///
/// Contract: the candidates of a row are the exact `top × candidateFactor` best LSA cosines among all rows of the
/// space it is asked about: the stored list (rows as they were at build time) merged with a scan of the rows added
/// or re-embedded since, which ``follow(_:store:)`` keeps track of. A row that is new or re-embedded itself, or
/// whose stored list names a re-embedded row, has no candidates here (the caller scans as before).
public struct RelatedIndex: Sendable {
    /// The space's model (`tfidf+lsa` content hashes) the index belongs to.
    public let modelHash: String
    /// How many related papers a query asks for (the candidates are `top × candidateFactor`).
    public let top: Int
    private let k: Int
    private let baseCount: Int
    private let indices: [Int32]
    private let scores: [Float]
    /// Rows of the base re-embedded since (their stored lists and scores are stale), as of `sequence`.
    private var stale: Set<Int> = []
    /// The text sequence of the space last followed.
    public private(set) var sequence: Int64

    /// Computes every row's candidates (all pairs of the neighbour view: O(n²·d/2), seconds for 10⁵ papers).
    public init(space: VectorSpace, top: Int) {
        precondition(top >= 1, "at least one related paper")
        modelHash = space.modelHash
        self.top = top
        let finder = RelatedPapers(
            embeddings: space.neighbours, tfidf: space.tfidfRows, vocabulary: space.tfidf.vocabulary)
        k = min(max(space.count - 1, 0), top * finder.candidateFactor)
        baseCount = space.count
        sequence = space.textSequence
        let found = topKAllPairs(space.neighbours, k: k)
        indices = found.indices
        scores = found.scores
    }

    /// Whether this index can serve `space` (same models; rows only appended or re-embedded since).
    public func serves(_ space: VectorSpace) -> Bool {
        space.modelHash == modelHash && space.count >= baseCount
    }

    /// Notes the rows of the base that `space` re-embedded (their texts changed) since the index last looked.
    public mutating func follow(_ space: VectorSpace, store: PaperStore) throws {
        precondition(serves(space), "the index belongs to another space")
        guard space.textSequence != sequence else { return }
        for changed in try store.texts(after: sequence) {
            if let row = space.row(of: changed.id), row < baseCount { stale.insert(row) }
        }
        sequence = space.textSequence
    }

    /// The exact LSA candidates of `row` in `space` (best first), or nil when this index cannot tell (see the
    /// contract); `space` must have been followed.
    public func candidates(ofRow row: Int, in space: VectorSpace) -> [Neighbor]? {
        precondition(serves(space) && space.textSequence == sequence, "follow the space first")
        guard row < baseCount, !stale.contains(row) else { return nil }
        var list: [Neighbor] = []
        list.reserveCapacity(k + space.count - baseCount + stale.count)
        for slot in row * k..<(row + 1) * k where indices[slot] >= 0 {
            let index = Int(indices[slot])
            if stale.contains(index) { return nil }
            list.append(Neighbor(index: index, score: scores[slot]))
        }
        let view = space.neighbours
        let d = view.columns
        let rescanned = Array(stale) + Array(baseCount..<space.count)
        if !rescanned.isEmpty {
            view.storage.withUnsafeBufferPointer { values in
                let query = values.baseAddress! + row * d
                for other in rescanned where other != row {
                    let vector = values.baseAddress! + other * d
                    var dot: Float = 0
                    for j in 0..<d { dot += query[j] * vector[j] }
                    list.append(Neighbor(index: other, score: dot))
                }
            }
        }
        list.sort { ($0.score, $1.index) > ($1.score, $0.index) }
        return Array(list.prefix(k))
    }
}
