// Tests for the Reflect metadata slice @peculiar/x509's dependency needs.
import { describe, expect, it } from 'vitest';
import './reflect-metadata.ts';

interface MetadataReflect {
  defineMetadata(key: unknown, value: unknown, target: object, property?: string): void;
  getOwnMetadata(key: unknown, target: object, property?: string): unknown;
  getMetadata(key: unknown, target: object, property?: string): unknown;
}

const reflect = Reflect as unknown as MetadataReflect;

describe('Reflect metadata', () => {
  class Base {}
  class Derived extends Base {}
  reflect.defineMetadata('token', 'base', Base);
  reflect.defineMetadata('token', 'method', Base, 'run');

  it.each<[string, object, string | undefined, unknown, unknown]>([
    ['own metadata of a class', Base, undefined, 'base', 'base'],
    ['metadata a subclass inherits', Derived, undefined, 'base', undefined],
    ['metadata of a property', Base, 'run', 'method', 'method'],
    ['metadata of a property never defined', Base, 'stop', undefined, undefined],
  ])('reads %s', (_name, target, property, inherited, own) => {
    expect(reflect.getMetadata('token', target, property)).toBe(inherited);
    expect(reflect.getOwnMetadata('token', target, property)).toBe(own);
  });
});
