import Foundation
import Testing

@testable import Daemon

@Suite struct RefitPolicyTests {
    let fitted = Date(timeIntervalSince1970: 1_000_000)

    @Test func growthTriggersARefit() {
        let policy = RefitPolicy(growth: 0.2, interval: nil)
        #expect(policy.reason(modelPaperCount: 100, fittedAt: fitted, paperCount: 119) == nil)
        #expect(policy.reason(modelPaperCount: 100, fittedAt: fitted, paperCount: 120) == .growth(from: 100, to: 120))
    }

    @Test func theScheduleTriggersARefitOnlyWhenPapersWereAdded() {
        let policy = RefitPolicy(growth: 0.2, interval: 3600)
        let later = fitted.addingTimeInterval(7200)
        #expect(policy.reason(modelPaperCount: 100, fittedAt: fitted, paperCount: 100, now: later) == nil)
        #expect(policy.reason(modelPaperCount: 100, fittedAt: fitted, paperCount: 101, now: later) == .schedule(ageSeconds: 7200))
        #expect(policy.reason(modelPaperCount: 100, fittedAt: fitted, paperCount: 101, now: fitted.addingTimeInterval(60)) == nil)
    }

    @Test func zeroGrowthAndNoIntervalNeverRefit() {
        let policy = RefitPolicy(growth: 0, interval: nil)
        #expect(policy.reason(modelPaperCount: 10, fittedAt: fitted, paperCount: 10_000, now: .distantFuture) == nil)
    }

    @Test func reasonsReadWell() {
        #expect(RefitPolicy.Reason.growth(from: 100, to: 125).description.contains("+25 %"))
        #expect(RefitPolicy.Reason.schedule(ageSeconds: 5400).description == "the model is 1.5 h old")
    }
}
