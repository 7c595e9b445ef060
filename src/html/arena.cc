#include "html/arena.h"

#include <algorithm>

namespace newsclean::html {

void* Arena::allocate(std::size_t size) {
  size = (size + kAlign - 1) & ~(kAlign - 1);
  if (size == 0) size = kAlign;
  // The current chunk, or the next kept one that is large enough.
  while (current_ < chunks_.size()) {
    Chunk& c = chunks_[current_];
    if (c.size - used_ >= size) {
      void* p = c.data.get() + used_;
      used_ += size;
      return p;
    }
    ++current_;
    used_ = 0;
  }
  // A new chunk: each twice the last, up to kMaxChunk; a larger request gets
  // a chunk of its own size.
  const std::size_t last = chunks_.empty() ? kFirstChunk / 2 : chunks_.back().size;
  const std::size_t want = std::max(size, std::min(kMaxChunk, last * 2));
  chunks_.push_back(Chunk{std::unique_ptr<char[]>(new char[want]), want});
  reserved_ += want;
  current_ = chunks_.size() - 1;
  used_ = size;
  return chunks_.back().data.get();
}

void Arena::reset() {
  if (reserved_ > kKeep) {
    // Keep the first chunks up to kKeep; free the rest.
    std::size_t kept = 0, n = 0;
    while (n < chunks_.size() && kept + chunks_[n].size <= kKeep) kept += chunks_[n++].size;
    chunks_.resize(n);
    reserved_ = kept;
  }
  current_ = 0;
  used_ = 0;
}

}  // namespace newsclean::html
