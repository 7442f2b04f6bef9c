const LABELS: Record<string, string> = {
  flagship: 'flagship',
  fast: 'fast',
  reasoning: 'reasoning',
  vision: 'vision',
  longContext: 'long-context',
  coding: 'coding',
  embeddingSmall: 'embedding-small',
  embeddingLarge: 'embedding-large',
  image: 'image',
  speechToText: 'speech-to-text',
  textToSpeech: 'text-to-speech',
  legacyCompletion: 'legacy-completion',
  audioChat: 'audio-chat',
  realtime: 'realtime',
  moderation: 'moderation',
  video: 'video',
  'fine-tuned': 'fine-tuned',
};

export const tierLabel = (t: string) => LABELS[t] ?? t;
