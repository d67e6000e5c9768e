import Testing

@Test func smokePaperRadarCore() { #expect(Bool(true)) }
