import Foundation
import Testing

@testable import Reports

/// Charts: finite coordinates whatever the data, the right series and legends, and speed.
@Suite struct SVGChartTests {
    /// Attributes that hold numbers or path data in the charts.
    nonisolated(unsafe) static let numericAttribute =
        #/\s(cx|cy|r|x|y|x1|x2|y1|y2|width|height|d|points|viewBox|transform|dy)="([^"]*)"/#

    /// Every numeric attribute value of `html`'s SVG; records the ones that are not plain finite numbers.
    static func expectFiniteCoordinates(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var checked = 0
        for match in html.matches(of: numericAttribute) {
            let value = String(match.output.2)
            checked += 1
            let lowered = value.lowercased()
            #expect(!lowered.contains("nan") && !lowered.contains("inf"), "\(value)", sourceLocation: sourceLocation)
            let allowed = value.allSatisfy { "0123456789.-, MLHVZtranslaterotate()em".contains($0) }
            #expect(allowed, "unexpected coordinate \(value)", sourceLocation: sourceLocation)
            for number in value.split(whereSeparator: { !"0123456789.-".contains($0) }) where number != "-" {
                #expect(Double(number)?.isFinite == true, "\(number) in \(value)", sourceLocation: sourceLocation)
            }
        }
        #expect(checked > 0 || !html.contains("<svg"), sourceLocation: sourceLocation)
    }

    @Test func degenerateMapsStayFinite() {
        let cases: [[(Double, Double)]] = [
            [], [(0.5, 0.5)], [(0.25, -1), (0.25, 0), (0.25, 2)], [(3, 3), (3, 3)], [(0, 0), (0, 0)],
            [(.nan, 1), (1, .infinity), (0.2, 0.4)], [(1e300, -1e300), (-1e300, 1e300)],
            [(1e-12, 1e-12), (2e-12, 1e-12)],
        ]
        for points in cases {
            let html = EdgeFixtures.degenerateMap(points: points).rendered(as: .html)
            Self.expectFiniteCoordinates(html)
            let dots = html.components(separatedBy: "\"><title>Point ").count - 1
            #expect(dots == points.filter { $0.0.isFinite && $0.1.isFinite }.count)
        }
    }

    @Test func everyReportHasFiniteCoordinates() {
        for html in [
            Fixtures.digest.rendered(as: .html), Fixtures.topicReport.rendered(as: .html),
            Fixtures.readingList.rendered(as: .html), EdgeFixtures.singleTopic.rendered(as: .html),
            EdgeFixtures.emptyDigest.rendered(as: .html), HostileFixtures.topicReport.rendered(as: .html),
            HostileFixtures.digest.rendered(as: .html), EdgeFixtures.large().rendered(as: .html),
        ] {
            Self.expectFiniteCoordinates(html)
        }
    }

    @Test func notFiniteValuesInCurvesAndScoresStayOutOfTheSVG() {
        var report = Fixtures.topicReport
        report.kCurve[2].silhouette = .nan
        report.kCurve[3].stability = -.infinity
        report.mapExplainedVariance = [.nan]
        report.bridges[0].similarityA = .nan
        let html = report.rendered(as: .html)
        Self.expectFiniteCoordinates(html)
        #expect(html.contains(">PC1</text>"))
        #expect(html.contains("<td class=\"num\" data-label=\"Similarity\"><span>n/a</span></td>"))
    }

    @Test func singleDateDrawsBarsInsteadOfLines() {
        let html = EdgeFixtures.singleTopic.rendered(as: .html)
        #expect(html.contains("<rect class=\"bar\""))
        #expect(!html.contains("class=\"line\""))
        #expect(html.contains("One digest date so far"))
    }

    @Test func manyTopicsShowTheLargestEightAndOther() {
        let report = EdgeFixtures.large()
        let palette = TopicPalette(topics: report.topics)
        #expect(palette.shown.map(\.id) == Array(0..<8))
        #expect(palette.others.count == 42)
        let series = report.timeSeries(palette)
        #expect(series.count == 9)
        #expect(series.last?.name == "other (42 topics)")
        #expect(
            series.last?.counts
                == report.dates.indices.map { index in (8..<50).reduce(0) { $0 + (index * ($1 + 3)) % 11 } })
        let html = report.rendered(as: .html)
        // Nine series over time, and silhouette and stability in the k curve.
        #expect(html.components(separatedBy: "<path class=\"line\"").count - 1 == 9 + 2)
        #expect(html.contains("<li class=\"so\"><span class=\"swatch\"></span><span>other (42 topics)"))
    }

    @Test func nineTopicsGetNineColors() {
        var report = Fixtures.topicReport
        report.topics.removeLast()
        let palette = TopicPalette(topics: report.topics)
        #expect(palette.shown.count == 9)
        #expect(palette.others.isEmpty)
        #expect(palette.styleClass(forTopicID: report.topics[8].id) == "s8")
    }

    @Test func kCurveMarksTheChosenK() {
        let html = Fixtures.topicReport.rendered(as: .html)
        #expect(html.contains("text-anchor=\"end\">chosen k = 10</text>"))
        #expect(html.contains("<title>silhouette · 10: 0.121</title>"))
        let fixed = EdgeFixtures.singleTopic.rendered(as: .html)
        #expect(!fixed.contains("chosen k"))
    }

    @Test func scalesAreNiceAndNeverDegenerate() {
        let scale = ChartScale(values: [0.03, 0.97], from: 0, to: 100)
        #expect(scale.lower == 0 && scale.upper == 1)
        #expect(scale.ticks == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(scale.label(scale.ticks[3]) == "0.6")
        let counts = ChartScale(values: [0, 3], from: 100, to: 0, includeZero: true, integerSteps: true)
        #expect(counts.ticks == [0, 1, 2, 3])
        for values in [[], [5.0], [5, 5], [0, 0], [.nan], [-2, -2]] as [[Double]] {
            let degenerate = ChartScale(values: values, from: 0, to: 10)
            #expect(degenerate.upper > degenerate.lower)
            #expect(values.filter(\.isFinite).allSatisfy { (0...10).contains(degenerate.position($0)) })
        }
    }

    @Test func numbersFormatWithoutLocaleOrNoise() {
        #expect(NumberFormat.fixed(0.8731, decimals: 2) == "0.87")
        #expect(NumberFormat.fixed(-0.004, decimals: 2) == "0.00")
        #expect(NumberFormat.fixed(2.5, decimals: 0) == "3")
        #expect(NumberFormat.fixed(.nan, decimals: 2) == "n/a")
        #expect(NumberFormat.trimmed(12.5000, maxDecimals: 3) == "12.5")
        #expect(NumberFormat.trimmed(-0.0001, maxDecimals: 2) == "0")
        #expect(NumberFormat.coordinate(.infinity) == "0")
        #expect(NumberFormat.percent(0.05) == "5 %")
        #expect(NumberFormat.percent(0.18344) == "18.3 %")
        #expect(NumberFormat.grouped(1_234_567) == "1,234,567")
        #expect(NumberFormat.grouped(-1_000) == "-1,000")
        #expect(NumberFormat.rounded(0.1 + 0.2, decimals: 4) == 0.3)
    }

    @Test func digestTopicMixIsABarChart() {
        let html = Fixtures.digest.rendered(as: .html)
        #expect(html.components(separatedBy: "<rect class=\"bar\"").count - 1 == 4)
        #expect(html.contains("<title>Retrieval: 1 · 25 %</title>"))
        let long = SVGBarChart(
            title: "t",
            bars: [.init(label: String(repeating: "very long topic name ", count: 10), value: 1, valueText: "1")])
        #expect(long.rendered().text.contains("…</text>"))
    }

    /// How fast it renders is for benchmarks; here, that a large report renders whole.
    @Test func largeTopicReportRendersEveryPoint() {
        let report = EdgeFixtures.large(topicCount: 50, pointCount: 3_000)
        let html = report.rendered(as: .html)
        #expect(html.components(separatedBy: "<circle cx=").count - 1 >= 3_000)
    }
}
