import Testing

@Test func smokeEndToEnd() { #expect(Bool(true)) }
