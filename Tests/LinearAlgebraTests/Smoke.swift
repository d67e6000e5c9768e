import Testing

@Test func smokeLinearAlgebra() { #expect(Bool(true)) }
