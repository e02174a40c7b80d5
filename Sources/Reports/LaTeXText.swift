// galmorph — Reports
//
// Escaping plain text for LaTeX.

import Foundation

/// Turns plain text into LaTeX source that prints the same characters under pdfLaTeX with its default OT1/T1 fonts.
public enum LaTeXText {
  /// Escapes the ten special characters (`& % $ # _ { } ~ ^ \`; Lamport, *LaTeX: A Document Preparation System*,
  /// 2nd ed., §3.2.1 and table 3.2) and maps the non-ASCII symbols common in statistics (± × − ≤ ≥ ≈ ° ′ ″ σ χ …,
  /// Greek letters) to math-mode commands, because pdfLaTeX's default fonts have no glyphs for them and stop with
  /// “Unicode character … not set up for use with LaTeX”. Sub- and superscript digits become math-mode scripts
  /// (`H₀` → `H$_0$`). Other characters up to U+017F (Latin-1 and Latin Extended-A, which LaTeX's UTF-8 input
  /// handles) pass through; anything else not in the maps becomes `?` so the document always compiles. Line
  /// breaks become spaces.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text {
      switch ch {
      case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(ch)
      case "~": out += "\\textasciitilde{}"
      case "^": out += "\\textasciicircum{}"
      case "\\": out += "\\textbackslash{}"
      case "<": out += "\\textless{}"
      case ">": out += "\\textgreater{}"
      case "|": out += "\\textbar{}"
      case "\n", "\r", "\r\n": out += " "
      default:
        if let m = math[ch] {
          out += "$\(m)$"
        } else if let t = textSymbols[ch] {
          out += t
        } else if let d = scripts[ch] {
          out += "$\(d)$"
        } else if ch.unicodeScalars.allSatisfy({ $0.value <= 0x17F }) {
          out.append(ch)
        } else {
          out += "?"
        }
      }
    }
    return out
  }

  /// Sub- and superscript digits and signs.
  static let scripts: [Character: String] = {
    var m: [Character: String] = [:]
    for (i, c) in "₀₁₂₃₄₅₆₇₈₉".enumerated() { m[c] = "_\(i)" }
    for (i, c) in "⁰¹²³⁴⁵⁶⁷⁸⁹".enumerated() { m[c] = "^\(i)" }
    m["₊"] = "_+"; m["₋"] = "_-"; m["⁺"] = "^+"; m["⁻"] = "^-"
    return m
  }()

  static let textSymbols: [Character: String] = [
    "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "…": "\\ldots{}", "\u{00A0}": "~",
    "é": "\\'e", "è": "\\`e", "ö": "\\\"o", "ü": "\\\"u", "ä": "\\\"a", "Å": "\\AA{}",
  ]

  static let math: [Character: String] = [
    "±": "\\pm", "×": "\\times", "−": "-", "≤": "\\leq", "≥": "\\geq", "≈": "\\approx", "≠": "\\neq",
    "°": "^\\circ", "′": "^\\prime", "″": "^{\\prime\\prime}", "∞": "\\infty", "√": "\\surd", "⟨": "\\langle",
    "⟩": "\\rangle", "→": "\\rightarrow", "·": "\\cdot",
    "α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "ε": "\\epsilon", "θ": "\\theta",
    "λ": "\\lambda", "μ": "\\mu", "ν": "\\nu", "π": "\\pi", "ρ": "\\rho", "σ": "\\sigma", "τ": "\\tau",
    "φ": "\\phi", "χ": "\\chi", "ψ": "\\psi", "ω": "\\omega", "ℓ": "\\ell",
    "Γ": "\\Gamma", "Δ": "\\Delta", "Θ": "\\Theta", "Λ": "\\Lambda", "Σ": "\\Sigma", "Φ": "\\Phi", "Ω": "\\Omega",
  ]
}
