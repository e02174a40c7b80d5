# Generator of xoshiro256starstar.json: a direct transcription of Blackman & Vigna's reference C code
# (xoshiro256starstar.c, splitmix64.c), written independently of the Swift implementation.
import json
M = (1 << 64) - 1
def splitmix(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        yield z ^ (z >> 31)
def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
def xoshiro(seed):
    sm = splitmix(seed); s = [next(sm) for _ in range(4)]
    while True:
        r = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        yield r
out = []
for seed in [0, 1, 42, 2**63 + 5]:
    g = xoshiro(seed); out.append({"seed": seed, "first": [str(next(g)) for _ in range(8)]})
json.dump(out, open(__file__.replace("gen_xoshiro.py", "xoshiro256starstar.json"), "w"), indent=1)
