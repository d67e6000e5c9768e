import ArgumentParser

/// `paperradar`: the command-line front of PaperRadar. Each subcommand is a thin layer over the libraries.
@main
struct PaperRadar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperradar",
        abstract: "Read arXiv digests, store the papers, and find what belongs together.",
        subcommands: [
            Parse.self, Ingest.self, Import.self, Stats.self, Fit.self, Analyze.self, Related.self, Topics.self,
            Report.self, ReadingList.self, Search.self, Like.self, Dislike.self, Unrate.self, Profile.self,
            Watch.self, Serve.self, Status.self, Deliveries.self, Model.self, Bench.self, Eval.self, BuildIDFPrior.self,
        ]
    )
}
