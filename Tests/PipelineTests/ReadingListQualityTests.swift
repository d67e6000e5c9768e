import DigestParsing
import Foundation
import LinearAlgebra
import PaperRadarCore
import Recommendation
import Store
import Testing

@testable import Pipeline
import TestSupport

/// The labelled evaluation corpus `../shared/corpus/arxiv-balanced-12.jsonl.gz` (12 arXiv primary categories, 24,604
/// papers), imported into a temporary store and fitted once for the whole suite.
enum BalancedCorpus {
    static let url: URL? = Repository.sharedFile("corpus/arxiv-balanced-12.jsonl.gz")

    static var isAvailable: Bool { url != nil }

    struct Fitted: Sendable {
        var readingLists: ReadingLists
        var space: VectorSpace
        /// Papers in row order of the space.
        var papers: [Paper]
        var importSeconds: Double
        var fitSeconds: Double
    }

    /// Imported and fitted on first use (12 topics, the product's other fit options).
    static let fitted: Result<Fitted, any Error> = Result {
        guard let url else { throw PipelineError("arxiv-balanced-12.jsonl.gz not found") }
        let store = try PaperStore()
        let importWatch = Stopwatch()
        let summary = try store.importPapers(from: url) { try MetadataRecord.paper(fromJSONLine: $0) }
        precondition(summary.skipped.isEmpty, "balanced-12 lines were skipped")
        let importSeconds = importWatch.seconds
        var options = FitOptions()
        options.topicCount = .fixed(12)
        let fitWatch = Stopwatch()
        let space = try ModelFitter(repository: ModelRepository(store: store), options: options).fit().space
        let fitSeconds = fitWatch.seconds
        let papers = try store.allPapers()
        precondition(papers.map(\.id) == space.ids, "papers and vectors are in the same id order")
        return Fitted(readingLists: ReadingLists(space: space, store: store), space: space, papers: papers, importSeconds: importSeconds, fitSeconds: fitSeconds)
    }
}

/// The quality gate for reading lists, measured on arxiv-balanced-12 for all 12 categories.
///
/// Per category, profiles of 20 liked papers of that primary category, chosen deterministically in two ways:
///
/// - *category readers*: 3 seeded random samples of the category (a reader of the whole category);
/// - *sub-field readers*: a seeded seed paper and its 19 nearest papers of the same category by exact TF-IDF cosine
///   (a reader of one line of work; TF-IDF, not the LSA view the model uses, so the selection is not the model's).
///
/// Measured through `ReadingLists.readingList` as the product runs it: precision@50 = share of the 50 listed (diversified)
/// papers whose primary category is the profile's (also shown: listed in it at all, cross-lists included), and the
/// report's self-check recall (10 held out, found within the top 5 % of ~24,600 candidates, 3 folds).
///
/// For category readers the self-check cannot reach 0.6 on the large categories: held-out papers are random members
/// of the category like its other, unliked members, so even a ranker that put the whole category first would find
/// them within the top `cutoff` ≈ 1,230 only with probability `cutoff / (category size − 10)` ("attainable" below),
/// 0.41 for a 3,000-paper category. The recall gate for category readers is asserted on the six categories where it
/// is attainable (astro-ph.HE, astro-ph.IM, astro-ph.SR, cs.GR, cs.IT, cs.RO), and for sub-field readers on all.
@Suite(.serialized, .enabled(if: BalancedCorpus.isAvailable, "../shared/corpus/arxiv-balanced-12.jsonl.gz not found"))
struct ReadingListQualityTests {
    struct Measurement {
        var category: String
        var size: Int
        var precision: Double
        var listedPrecision: Double
        var recall: Double
        var attainable: Double
        var seconds: Double
    }

    /// 20 papers of the category, a seeded sample.
    static func categoryReader(_ members: [Int], category: String, sample: Int) -> [Int] {
        var random = SeededRandom(seed: 2026 + UInt64(sample), stream: stream(category))
        var pool = members
        for i in 0..<20 { pool.swapAt(i, i + Int(random.next() % UInt64(pool.count - i))) }
        return Array(pool.prefix(20)).sorted()
    }

    /// A seeded paper of the category and its 19 nearest papers of the same category by TF-IDF cosine.
    static func subfieldReader(_ members: [Int], category: String, tfidf: SparseMatrix) -> [Int] {
        var random = SeededRandom(seed: 7, stream: stream(category))
        let seed = members[Int(random.next() % UInt64(members.count))]
        let ranked = members.map { ($0, tfidf.dot(row: seed, with: tfidf, row: $0)) }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        return ranked.prefix(20).map(\.0).sorted()
    }

    static func stream(_ category: String) -> UInt64 {
        category.utf8.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) }
    }

    /// The mean measurement of the profiles of each category.
    static func measure(
        _ fitted: BalancedCorpus.Fitted, profiles: (_ members: [Int], _ category: String) -> [[Int]]
    ) throws -> [Measurement] {
        let primary = fitted.papers.map { $0.primaryCategory ?? "" }
        var measurements: [Measurement] = []
        for category in Array(Set(primary)).sorted() {
            let members = primary.indices.filter { primary[$0] == category }
            var sum = Measurement(
                category: category, size: members.count, precision: 0, listedPrecision: 0, recall: 0, attainable: 0,
                seconds: 0)
            let likedSets = profiles(members, category)
            for liked in likedSets {
                let profile = ReadingProfile(liked: liked.map { fitted.space.ids[$0] })
                let watch = Stopwatch()
                let report = try fitted.readingLists.readingList(
                    profile: profile, profileFile: "\(category).toml", top: 50, now: Date(timeIntervalSince1970: 0))
                sum.seconds += watch.seconds
                #expect(report.items.count == 50)
                let check = try #require(report.selfCheck)
                #expect(check.heldOut == 10 && check.folds == 3 && check.cutoffShare == 0.05)
                sum.precision += Double(report.items.filter { $0.paper.categories.first == category }.count) / 50
                sum.listedPrecision += Double(report.items.filter { $0.paper.categories.contains(category) }.count) / 50
                sum.recall += check.recall
                sum.attainable += min(1, Double(check.cutoff) / Double(members.count - liked.count + check.heldOut))
            }
            let k = Double(likedSets.count)
            sum.precision /= k
            sum.listedPrecision /= k
            sum.recall /= k
            sum.attainable /= k
            sum.seconds /= k
            measurements.append(sum)
        }
        print("category      papers  precision@50  (cross-lists incl.)  self-check recall  (attainable)  s/list")
        for m in measurements {
            print(
                m.category.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + "\(m.size)".padding(toLength: 8, withPad: " ", startingAt: 0)
                    + fixed(m.precision).padding(toLength: 14, withPad: " ", startingAt: 0)
                    + fixed(m.listedPrecision).padding(toLength: 21, withPad: " ", startingAt: 0)
                    + fixed(m.recall).padding(toLength: 19, withPad: " ", startingAt: 0)
                    + fixed(m.attainable).padding(toLength: 14, withPad: " ", startingAt: 0)
                    + fixed(m.seconds))
        }
        print(
            "mean precision@50 \(fixed(mean(measurements.map(\.precision)))), "
                + "mean self-check recall \(fixed(mean(measurements.map(\.recall))))")
        return measurements
    }

    @Test func categoryReaders() throws {
        let fitted = try BalancedCorpus.fitted.get()
        print(
            "balanced-12: \(fitted.papers.count) papers, import \(Self.fixed(fitted.importSeconds)) s, "
                + "fit \(Self.fixed(fitted.fitSeconds)) s; category readers (mean of 3 profiles each):")
        let measurements = try Self.measure(fitted) { members, category in
            (0..<3).map { Self.categoryReader(members, category: category, sample: $0) }
        }
        #expect(measurements.count == 12)
        #expect(Self.mean(measurements.map(\.precision)) >= 0.8)
        for m in measurements {
            #expect(m.listedPrecision >= 0.65, "\(m.category): precision@50 with cross-lists \(m.listedPrecision)")
        }
        let attainable = measurements.filter { $0.attainable >= 0.6 }
        #expect(attainable.map(\.category) == ["astro-ph.HE", "astro-ph.IM", "astro-ph.SR", "cs.GR", "cs.IT", "cs.RO"])
        #expect(Self.mean(attainable.map(\.recall)) >= 0.55, "recall where attainable \(attainable.map(\.recall))")
        for m in attainable { #expect(m.recall >= 0.3, "\(m.category): self-check recall \(m.recall)") }
        let gate = attainable.filter { $0.precision >= 0.8 && $0.recall >= 0.6 }
        print("gate (precision@50 ≥ 0.8 and recall ≥ 0.6) met by: \(gate.map(\.category).joined(separator: ", "))")
    }

    @Test func subfieldReaders() throws {
        let fitted = try BalancedCorpus.fitted.get()
        print("balanced-12: sub-field readers (one profile each):")
        let measurements = try Self.measure(fitted) { members, category in
            [Self.subfieldReader(members, category: category, tfidf: fitted.space.tfidfRows)]
        }
        #expect(measurements.count == 12)
        #expect(Self.mean(measurements.map(\.recall)) >= 0.8)
        for m in measurements { #expect(m.recall >= 0.5, "\(m.category): self-check recall \(m.recall)") }
        #expect(Self.mean(measurements.map(\.listedPrecision)) >= 0.7)
        let gate = measurements.filter { $0.precision >= 0.8 && $0.recall >= 0.6 }
        print("gate (precision@50 ≥ 0.8 and recall ≥ 0.6) met by: \(gate.map(\.category).joined(separator: ", "))")
        #expect(gate.count >= 4, "the gate holds on \(gate.map(\.category)) only")
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    static func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
    }
}
