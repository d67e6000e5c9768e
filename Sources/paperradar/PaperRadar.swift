import ArgumentParser

@main
struct PaperRadar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "paperradar", abstract: "arXiv digest radar.")
}
