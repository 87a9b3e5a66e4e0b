// node-postgres ships no types and @types/pg is not installed: the little the BFF uses (its sessions and LISTEN, which the sandbox shares).
declare module 'pg' {
  export interface QueryResult {
    rows: any[];
    rowCount: number | null;
  }
  /** A (named, prepared) statement. */
  export interface QueryConfig {
    text: string;
    values?: any[];
    name?: string;
  }
  export interface PoolClient {
    query(sql: string | QueryConfig, params?: any[]): Promise<QueryResult>;
    release(destroy?: boolean | Error): void;
  }
  export class Pool {
    constructor(config?: Record<string, unknown>);
    query(sql: string | QueryConfig, params?: any[]): Promise<QueryResult>;
    connect(): Promise<PoolClient>;
    end(): Promise<void>;
    on(event: 'error', listener: (err: Error) => void): this;
  }
  /** One connection of its own (the BFF's session cache listens on one). */
  export class Client {
    constructor(config?: Record<string, unknown>);
    connect(): Promise<void>;
    query(sql: string | QueryConfig, params?: any[]): Promise<QueryResult>;
    end(): Promise<void>;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): this;
  }
  /** The parsers of column text by type id (timestamptz's is replaced in db/index.js). */
  export interface TypeParsers {
    getTypeParser(oid: number, format?: 'text' | 'binary'): (text: string) => unknown;
  }
  const pg: { Pool: typeof Pool; Client: typeof Client; types: TypeParsers };
  export default pg;
}
