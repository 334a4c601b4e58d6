#pragma once
// Seeds. One user seed fans out into independent streams per purpose (simulation, split, training,
// replica r, ...), so that changing how one stage draws never shifts another stage's draws.

#include <cstdint>
#include <random>
#include <string_view>

namespace annotbench {

// SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective mix with good avalanche.
inline std::uint64_t mix_seed(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

// FNV-1a over the purpose text, mixed with the seed: stable across platforms and runs.
inline std::uint64_t derive_seed(std::uint64_t seed, std::string_view purpose) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : purpose) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return mix_seed(seed ^ mix_seed(hash));
}

using Rng = std::mt19937_64;

}  // namespace annotbench
