// galmorph — MorphologyClassifierTests
//
// Test files of this target are named <Feature>Tests.swift; golden files live in Reference/.
