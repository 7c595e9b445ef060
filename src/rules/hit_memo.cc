#include "rules/hit_memo.h"

#include <algorithm>
#include <cstring>

#include "util/swar.h"

namespace newsclean {

std::uint64_t HitMemo::hash_of(std::string_view text) {
  // Eight bytes a step, each mixed in by a multiply; the length first, so
  // that texts that differ only in trailing zero bytes differ.
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = (text.size() + 1) * kMul;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    h = (h ^ swar::load(text.data() + i)) * kMul;
    h ^= h >> 29;
  }
  if (i < text.size()) {
    std::uint64_t last = 0;
    std::memcpy(&last, text.data() + i, text.size() - i);
    h = (h ^ last) * kMul;
    h ^= h >> 29;
  }
  return h * kMul;
}

bool HitMemo::find(std::uint64_t owner, std::uint32_t words, std::string_view text, std::uint64_t hash,
                   std::vector<int>& out) const {
  if (slots_.empty() || text.size() > kMaxBytes) return false;
  const Slot& s = slots_[slot_of(hash)];
  if (s.hash != hash || s.owner != owner || s.words != words || s.length != text.size() ||
      std::memcmp(s.text.data(), text.data(), text.size()) != 0)
    return false;
  out.assign(s.hits.begin(), s.hits.begin() + s.hit_count);
  return true;
}

void HitMemo::store(std::uint64_t owner, std::uint32_t words, std::string_view text, std::uint64_t hash,
                    const std::vector<int>& hits) {
  if (text.size() > kMaxBytes || hits.size() > kMaxHits) return;
  if (slots_.empty()) slots_.resize(kSlots);
  Slot& s = slots_[slot_of(hash)];
  s.hash = hash;
  s.owner = owner;
  s.words = words;
  s.length = static_cast<std::uint8_t>(text.size());
  s.hit_count = static_cast<std::uint8_t>(hits.size());
  std::copy(hits.begin(), hits.end(), s.hits.begin());
  std::memcpy(s.text.data(), text.data(), text.size());
}

}  // namespace newsclean
