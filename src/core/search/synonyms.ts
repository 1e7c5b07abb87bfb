// Acronyms and their spelled-out forms, as the field writes them. Each group lists equivalent
// phrases; a query phrase from a group also searches the others (at a slightly lower weight, see
// the planner). General field knowledge only — nothing here names a particular paper.
import { analyze } from './text';

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Attention, caches, positions
  ['KV', 'key-value', 'key value'],
  ['RoPE', 'rotary position embedding', 'rotary positional embedding', 'rotary positional encoding', 'rotary embedding'],
  ['PE', 'positional encoding', 'position encoding', 'positional embedding', 'position embedding'],
  ['NoPE', 'no positional encoding'],
  ['ALiBi', 'attention with linear biases'],
  ['PI', 'position interpolation'],
  ['YaRN', 'yet another RoPE extension'],
  ['GQA', 'grouped-query attention'],
  ['MQA', 'multi-query attention'],
  ['MHA', 'multi-head attention'],
  ['MLA', 'multi-head latent attention'],
  ['SWA', 'sliding window attention'],
  ['LSH', 'locality-sensitive hashing'],
  // Evaluation
  ['NIAH', 'needle in a haystack', 'needle-in-a-haystack'],
  ['QA', 'question answering'],
  ['PPL', 'perplexity'],
  ['TTFT', 'time to first token'],
  ['TPOT', 'time per output token'],
  ['SOTA', 'state of the art'],
  // Architectures and models
  ['SSM', 'state space model', 'state-space model'],
  ['MoE', 'mixture of experts', 'mixture-of-experts'],
  ['LLM', 'large language model'],
  ['LM', 'language model'],
  ['VLM', 'vision-language model', 'vision language model', 'visual language model'],
  ['MLLM', 'multimodal large language model', 'multimodal LLM', 'multi-modal large language model'],
  ['LMM', 'large multimodal model', 'large multi-modal model'],
  ['ViT', 'vision transformer'],
  ['RNN', 'recurrent neural network'],
  // Training
  ['LoRA', 'low-rank adaptation'],
  ['PEFT', 'parameter-efficient fine-tuning'],
  ['SFT', 'supervised fine-tuning', 'supervised finetuning'],
  ['RL', 'reinforcement learning'],
  ['RLHF', 'reinforcement learning from human feedback'],
  ['GRPO', 'group relative policy optimization'],
  ['PPO', 'proximal policy optimization'],
  ['DPO', 'direct preference optimization'],
  ['CoT', 'chain of thought', 'chain-of-thought'],
  ['ICL', 'in-context learning'],
  ['RAG', 'retrieval-augmented generation', 'retrieval augmented generation'],
  // Domains
  ['EHR', 'electronic health record'],
  ['ASR', 'automatic speech recognition', 'speech recognition'],
  ['TTS', 'text-to-speech'],
  ['OCR', 'optical character recognition'],
];

/** One phrase of a group: as written, and as index terms (analysed the way papers are). */
export interface SynonymPhrase {
  written: string;
  terms: string[];
}
export type AnalyzedGroup = SynonymPhrase[];

let analyzed: AnalyzedGroup[] | undefined;

/** The groups analysed once (stemmed, stop words dropped), each phrase a non-empty term list. */
export function analyzedSynonymGroups(): AnalyzedGroup[] {
  if (!analyzed) {
    analyzed = SYNONYM_GROUPS.map(group => {
      const phrases: SynonymPhrase[] = [];
      for (const written of group) {
        const terms = analyzePhrase(written);
        if (terms.length && !phrases.some(p => p.terms.join(' ') === terms.join(' '))) phrases.push({ written, terms });
      }
      return phrases;
    });
  }
  return analyzed;
}

/** A phrase's terms without the extra joined / CamelCase forms (those belong to single words). */
function analyzePhrase(phrase: string): string[] {
  return phrase.split(/[\s-]+/).flatMap(w => analyze(w).slice(0, 1));
}
