// galmorph — SkyStatistics

/// A pointer handed to worker threads that write disjoint slots.
final class SharedBuffer: @unchecked Sendable {
  let p: UnsafeMutablePointer<Double>
  let count: Int
  init(count: Int) {
    self.count = count
    p = .allocate(capacity: max(1, count))
    p.initialize(repeating: 0, count: max(1, count))
  }
  deinit { p.deallocate() }
  var array: [Double] { Array(UnsafeBufferPointer(start: p, count: count)) }
}
