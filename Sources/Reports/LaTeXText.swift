// galmorph — Reports
//
// Escaping plain text for LaTeX.

import Foundation

/// Turns plain text into LaTeX source that prints the same characters under pdfLaTeX with its default OT1/T1 fonts.
public enum LaTeXText {
  /// Escapes the ten special characters (`& % $ # _ { } ~ ^ \`; Lamport, *LaTeX: A Document Preparation System*,
  /// 2nd ed., §3.2.1 and table 3.2) and maps the non-ASCII symbols common in statistics (± × − ≤ ≥ ≈ ° ′ ″ σ χ …,
  /// Greek letters) to math-mode commands, because pdfLaTeX's default fonts have no glyphs for them and stop with
  /// “Unicode character … not set up for use with LaTeX”. Other characters pass through unchanged; line breaks
  /// become spaces.
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
        if let m = math[ch] { out += "$\(m)$" } else if let t = textSymbols[ch] { out += t } else { out.append(ch) }
      }
    }
    return out
  }

  static let textSymbols: [Character: String] = [
    "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "…": "\\ldots{}", "\u{00A0}": "~",
    "é": "\\'e", "è": "\\`e", "ö": "\\\"o", "ü": "\\\"u", "ä": "\\\"a", "Å": "\\AA{}",
  ]

  static let math: [Character: String] = [
    "±": "\\pm", "×": "\\times", "−": "-", "≤": "\\leq", "≥": "\\geq", "≈": "\\approx", "≠": "\\neq",
    "°": "^\\circ", "′": "^\\prime", "″": "^{\\prime\\prime}", "∞": "\\infty", "√": "\\surd", "⟨": "\\langle",
    "⟩": "\\rangle", "→": "\\rightarrow", "·": "\\cdot", "²": "^2", "³": "^3", "⁻": "^-", "¹": "^1",
    "α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "ε": "\\epsilon", "θ": "\\theta",
    "λ": "\\lambda", "μ": "\\mu", "ν": "\\nu", "π": "\\pi", "ρ": "\\rho", "σ": "\\sigma", "τ": "\\tau",
    "φ": "\\phi", "χ": "\\chi", "ψ": "\\psi", "ω": "\\omega", "ℓ": "\\ell",
    "Γ": "\\Gamma", "Δ": "\\Delta", "Θ": "\\Theta", "Λ": "\\Lambda", "Σ": "\\Sigma", "Φ": "\\Phi", "Ω": "\\Omega",
  ]
}
