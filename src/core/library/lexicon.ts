// What name derivation needs to know about words: which are ordinary English (a name that is
// one must be matched strictly) and which are terms of the field (never a paper's own name).

export interface Lexicon {
  /** True for an ordinary English word (lower-cased input), e.g. "dolphin", "titans". */
  isOrdinaryWord(word: string): boolean;
  /**
   * True for a term of the field rather than a paper's own name (LLM, RAG, KV, RoPE, FlashAttention).
   * The corpus builder adds names seen in several abstracts.
   */
  isFieldTerm(name: string): boolean;
}

/** Acronyms and tools of the field that abstracts mention without coining them. */
export const FIELD_TERMS = new Set([
  'AI', 'AGI', 'LLM', 'LLMs', 'LM', 'LMs', 'LCLM', 'LCLMs', 'MLLM', 'MLLMs', 'VLM', 'VLMs', 'LVLM', 'LVLMs', 'LMM', 'LMMs',
  'NLP', 'QA', 'RAG', 'ICL', 'KV', 'GPU', 'GPUs', 'TPU', 'CPU', 'HBM', 'SSD', 'RL', 'SFT', 'RLHF', 'DPO', 'PPO', 'GRPO',
  'MoE', 'SSM', 'SSMs', 'RNN', 'RNNs', 'CNN', 'MLP', 'FFN', 'RoPE', 'ALiBi', 'NTK', 'PI', 'YaRN', 'LoRA', 'PEFT', 'SOTA',
  'GPT', 'GPT-4', 'GPT-4o', 'GPT4', 'ChatGPT', 'BERT', 'LLaMA', 'Llama', 'LLaMA-2', 'Llama-2', 'Llama-3', 'Mistral',
  'Mamba', 'Transformer', 'Transformers', 'TTFT', 'TPOT', 'OOD', 'API', 'APIs', 'EHR', 'EHRs', 'CoT', 'NIAH', 'FLOPs',
  'FlashAttention', 'FlashAttention-2', 'vLLM', 'Megatron-LM', 'DeepSpeed', 'PyTorch', 'Triton', 'CUDA', 'BF16', 'FP16',
  'FP8', 'INT4', 'INT8', 'BFloat16', 'US', 'UK', 'EU', 'I', 'II', 'III', 'IV', 'LLaVA', 'Qwen', 'Gemini', 'Claude',
  'VAE', 'ViT', 'CLIP', 'DNA', 'RNA', 'MLM', 'NER', 'POI', 'OCR', 'ASR', 'TTS', 'SQL', 'HTML', 'JSON', 'PDF',
]);


/** A lexicon over a list of ordinary (lower-case) English words plus the field's own terms. */
export function createLexicon(ordinaryWords: Iterable<string>, extraFieldTerms: Iterable<string> = []): Lexicon {
  const words = new Set<string>();
  for (const w of ordinaryWords) words.add(w.toLowerCase());
  const terms = new Set([...FIELD_TERMS, ...extraFieldTerms]);
  return {
    isOrdinaryWord: w => words.has(w.toLowerCase()),
    isFieldTerm: n => terms.has(n),
  };
}
