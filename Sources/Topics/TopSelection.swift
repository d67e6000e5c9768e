/// Bounded best-first selection shared by the labelling steps.
enum TopSelection {
    /// The `limit` best elements of `items` under `better`, best first.
    ///
    /// `better` must be a strict total order (break ties, e.g. by index) for a deterministic result; keeps a
    /// size-`limit` heap whose root is the worst kept element.
    /// - Complexity: O(u·log limit) for u items.
    static func best<T>(_ limit: Int, of items: [T], by better: (T, T) -> Bool) -> [T] {
        guard limit > 0 else { return [] }
        // Min-heap on "better": the root is the worst kept element.
        var heap: [T] = []
        heap.reserveCapacity(limit)
        for item in items {
            if heap.count < limit {
                heap.append(item)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard better(heap[parent], heap[child]) else { break }
                    heap.swapAt(parent, child)
                    child = parent
                }
            } else if better(item, heap[0]) {
                heap[0] = item
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var worst = parent
                    if left < heap.count && better(heap[worst], heap[left]) { worst = left }
                    if right < heap.count && better(heap[worst], heap[right]) { worst = right }
                    if worst == parent { break }
                    heap.swapAt(parent, worst)
                    parent = worst
                }
            }
        }
        return heap.sorted(by: better)
    }
}
