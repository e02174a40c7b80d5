// galmorph — FITSIO
//
// Plain-text rendering of a FITSInspection (the default output of `galmorph inspect`).

extension FITSInspection {
  /// A table of HDUs in the style of astropy's `HDUList.info()`, then each HDU's key cards and table columns:
  ///
  /// ```
  /// m13_rice.fits: 69120 bytes, 2 HDUs
  /// No.  Name              Type      Cards  Dimensions  BITPIX  Compression
  ///   0  PRIMARY           image         8  —           16
  ///   1  COMPRESSED_IMAGE  image        44  300 × 300   16      RICE_1
  ///      CTYPE1 = RA---TAN   CTYPE2 = DEC--TAN
  /// ```
  public func renderText() -> String {
    var lines = ["\(path): \(fileBytes) bytes, \(hdus.count) HDU\(hdus.count == 1 ? "" : "s")"]
    let names = hdus.map { $0.extname ?? ($0.index == 0 ? "PRIMARY" : "") }
    let nameWidth = max(4, names.map(\.count).max() ?? 4)
    let dims = hdus.map { hdu -> String in
      if hdu.kind != .image, let rows = hdu.rowCount { return "\(rows) rows × \(hdu.columns?.count ?? 0) cols" }
      return hdu.dimensions.isEmpty ? "—" : hdu.dimensions.map(String.init).joined(separator: " × ")
    }
    let dimWidth = max(10, dims.map(\.count).max() ?? 10)
    lines.append(
      "No.  " + pad("Name", nameWidth) + "  " + pad("Type", 8) + "  Cards  " + pad("Dimensions", dimWidth)
        + "  BITPIX  Compression")
    for (i, hdu) in hdus.enumerated() {
      let row =
        lpad(String(hdu.index), 3) + "  " + pad(names[i], nameWidth) + "  " + pad(hdu.kind.rawValue, 8) + "  "
        + lpad(String(hdu.cardCount), 5) + "  " + pad(dims[i], dimWidth) + "  "
        + pad(hdu.bitpix.map(String.init) ?? "", 6) + "  " + (hdu.compression ?? (hdu.compressed ? "yes" : ""))
      lines.append(row.trimmingTrailingSpaces())
      if !hdu.keyCards.isEmpty {
        let cards = hdu.keyCards.map { "\($0.key) = \($0.value)" }.joined(separator: "   ")
        lines.append("     " + cards)
      }
      for column in hdu.columns ?? [] {
        var c = "     column \(column.name)  TFORM \(column.tform)"
        if !column.unit.isEmpty { c += "  [\(column.unit)]" }
        if column.repeatCount > 1 { c += "  ×\(column.repeatCount)" }
        lines.append(c)
      }
      if let warning = hdu.warning { lines.append("     warning: \(warning)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func pad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
  }
  private func lpad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : String(repeating: " ", count: n - s.count) + s
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = self
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }
}
