import ArgumentParser
import Foundation
import PaperRadarCore
import Pipeline
import Store
import Topics

/// `paperradar topics [--k N|auto] [--json]`: the topics of the store.
struct Topics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the topics (id, name, size, top terms, central papers); --k refits them.",
        discussion: """
            Topics are spherical k-means clusters of the LSA embeddings, labelled by class-based TF-IDF and named \
            after models/topics.toml when the match is clear. Ids persist across refits when a topic persists. \
            --json includes "assignments": [{"id", "topic"}] for every paper.
            """)

    @Option(name: .long, help: "Refit with this many topics, or `auto` (silhouette and stability).")
    var k: String?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Option(name: .long, help: "Seed of the clustering.") var seed: UInt64 = 0
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let k, k != "auto", Int(k) == nil || Int(k)! < 1 {
            throw ValidationError("--k takes a positive number or `auto`")
        }
    }

    func run() throws {
        let repository = try storeOptions.openRepository()
        try CLIError.translating {
            var space = try repository.openSpace()
            if let k {
                try ModelFitter(repository: repository)
                    .fitTopics(&space, count: k == "auto" ? .auto : .fixed(Int(k) ?? 1), seed: seed)
            }
            guard let topics = space.topics else {
                throw PipelineError("no topics yet: run `paperradar fit` (or `paperradar topics --k auto`)")
            }
            if json {
                print(try renderJSON(topics, space: space, store: repository.store))
            } else {
                print(try renderText(topics.model, store: repository.store))
            }
        }
    }

    private func renderText(_ model: TopicModel, store: PaperStore) throws -> String {
        var lines = ["\(model.topics.count) topics (k \(model.kChoice)), mean cosine to centroid "
            + String(format: "%.3f", model.meanSimilarity)]
        if !model.kCurve.isEmpty {
            lines.append("k chosen from: " + model.kCurve.map {
                "\($0.k) (silhouette \(String(format: "%.3f", $0.silhouette)), stability \(String(format: "%.2f", $0.stability)))"
            }.joined(separator: ", "))
        }
        lines.append("")
        for topic in model.topics.sorted(by: { ($0.size, $1.id) > ($1.size, $0.id) }) {
            lines.append("#\(topic.id)  \(topic.name)  (\(topic.size) papers)")
            lines.append("    terms: " + topic.topTerms.prefix(8).joined(separator: ", "))
            for id in topic.centralPapers.prefix(3) {
                let title = try ArxivIDLookup.title(id, store: store)
                lines.append("    · \(id)  \(title)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func renderJSON(_ topicsOfSpace: SpaceTopics, space: VectorSpace, store: PaperStore) throws -> String {
        let model = topicsOfSpace.model
        let hash = topicsOfSpace.hash
        struct Central: Encodable {
            var id: String
            var title: String
        }
        struct Topic: Encodable {
            var id: Int
            var name: String
            var namedTopic: String?
            var size: Int
            var topTerms: [String]
            var centralPapers: [Central]
        }
        struct Assignment: Encodable {
            var id: String
            var topic: Int
        }
        struct Output: Encodable {
            var model: String
            var k: Int
            var kChoice: String
            var kCurve: [TopicModel.KPoint]
            var topics: [Topic]
            var bridges: [TopicModel.Bridge]
            var assignments: [Assignment]
        }
        let topics = try model.topics.map { topic in
            Topic(
                id: topic.id, name: topic.name, namedTopic: topic.namedTopicID, size: topic.size,
                topTerms: topic.topTerms,
                centralPapers: try topic.centralPapers.map { Central(id: $0, title: try ArxivIDLookup.title($0, store: store)) })
        }
        let assignments = space.ids.indices.sorted { space.ids[$0] < space.ids[$1] }.map {
            Assignment(id: space.ids[$0].rawValue, topic: topicsOfSpace.topicOfRow[$0])
        }
        return try PaperJSON.encode(
            Output(
                model: hash, k: model.topics.count, kChoice: model.kChoice, kCurve: model.kCurve, topics: topics,
                bridges: model.bridges, assignments: assignments), pretty: true)
    }
}

/// Titles of stored papers by id text.
enum ArxivIDLookup {
    static func title(_ id: String, store: PaperStore) throws -> String {
        guard let parsed = PaperRadarCore.ArxivID(id) else { return "" }
        return try store.paper(id: parsed)?.title ?? ""
    }
}
