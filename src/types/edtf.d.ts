// The edtf package ships no types; these cover the part the date parser uses.
declare module 'edtf' {
  interface ParsedDate {
    type: 'Date' | 'Year' | 'Season' | 'Decade' | 'Century';
    level: number;
    values: number[];
    approximate?: boolean | number;
    uncertain?: boolean | number;
    unspecified?: number;
  }
  interface ParsedInterval {
    type: 'Interval';
    level: number;
    values: [ParsedDate | null, ParsedDate | null];
  }
  export function parse(input: string): ParsedDate | ParsedInterval | { type: string };
  interface Edtf {
    min: number;
    max: number;
  }
  export default function edtf(input: string): Edtf;
}
