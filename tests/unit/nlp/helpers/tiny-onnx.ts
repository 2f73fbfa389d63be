/**
 * Writes a tiny text-classification model directory for tests: WordPiece tokenizer, and an
 * ONNX graph Gather(embeddings) → masked mean → MatMul + Add → logits. Words listed in
 * `positive` push label 0, words in `negative` push the last label.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface TinyModelSpec {
  labels: string[];
  positive: string[];
  negative: string[];
}

function floatTensor(name: string, dims: number[], values: number[]) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(Float32Array.from(values).buffer),
  });
}

function int64Tensor(name: string, values: number[]) {
  return onnx.TensorProto.create({
    name,
    dims: [values.length],
    dataType: onnx.TensorProto.DataType.INT64,
    rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer),
  });
}

function valueInfo(name: string, elemType: number, dims: Array<string | number>) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: {
          dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })),
        },
      },
    },
  });
}

export function writeTinyModel(dir: string, spec: TinyModelSpec): void {
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
  const words = [...special, ...spec.positive, ...spec.negative];
  const vocab = Object.fromEntries(words.map((w, i) => [w, i]));
  const D = 2;
  const K = spec.labels.length;
  const emb: number[] = [];
  for (const w of words)
    emb.push(spec.positive.includes(w) ? 1 : 0, spec.negative.includes(w) ? 1 : 0);
  const W = new Array<number>(D * K).fill(0);
  W[0 * K + 0] = 6; // positive dimension → first label
  W[1 * K + (K - 1)] = 6; // negative dimension → last label
  const bias = new Array<number>(K).fill(0);
  if (K > 2) bias[1] = 0.5;

  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const INT64 = onnx.TensorProto.DataType.INT64;
  const node = (opType: string, inputs: string[], outputs: string[], attribute: object[] = []) =>
    onnx.NodeProto.create({ opType, input: inputs, output: outputs, attribute });
  const graph = onnx.GraphProto.create({
    name: 'tiny',
    input: [
      valueInfo('input_ids', INT64, ['batch', 'seq']),
      valueInfo('attention_mask', INT64, ['batch', 'seq']),
    ],
    output: [valueInfo('logits', FLOAT, ['batch', K])],
    initializer: [
      floatTensor('emb', [words.length, D], emb),
      floatTensor('W', [D, K], W),
      floatTensor('b', [K], bias),
      int64Tensor('axis1', [1]),
      int64Tensor('axis2', [2]),
      floatTensor('eps', [], [1e-6]),
    ],
    node: [
      node('Gather', ['emb', 'input_ids'], ['tok']),
      node(
        'Cast',
        ['attention_mask'],
        ['maskf'],
        [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
      ),
      node('Unsqueeze', ['maskf', 'axis2'], ['mask3']),
      node('Mul', ['tok', 'mask3'], ['masked']),
      node(
        'ReduceSum',
        ['masked', 'axis1'],
        ['summed'],
        [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      ),
      node(
        'ReduceSum',
        ['mask3', 'axis1'],
        ['count'],
        [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      ),
      node('Add', ['count', 'eps'], ['count1']),
      node('Div', ['summed', 'count1'], ['mean']),
      node('MatMul', ['mean', 'W'], ['proj']),
      node('Add', ['proj', 'b'], ['logits']),
    ],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'escucha-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), onnx.ModelProto.encode(model).finish());
  const id2label = Object.fromEntries(spec.labels.map((l, i) => [String(i), l]));
  const label2id = Object.fromEntries(spec.labels.map((l, i) => [l, i]));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      architectures: ['BertForSequenceClassification'],
      id2label,
      label2id,
    }),
  );
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 64,
      unk_token: '[UNK]',
      pad_token: '[PAD]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
    }),
  );
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: special.map((content, id) => ({
        id,
        content,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
      normalizer: {
        type: 'BertNormalizer',
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: true,
        lowercase: true,
      },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: null,
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab,
      },
    }),
  );
}
