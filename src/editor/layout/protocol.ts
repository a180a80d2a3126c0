// The messages between the editor and the layout worker.

import type { ProcessFile } from '../../core/model/types';
import type { LayoutBox } from '../state/types';
import type { ElkGraphOptions } from './elkGraph';

export interface LayoutRequest {
  id: number;
  process: ProcessFile;
  options?: ElkGraphOptions;
}

export type LayoutResponse =
  | { id: number; layout: Record<string, LayoutBox>; ms: number; error?: undefined }
  | { id: number; error: string; layout?: undefined };
