// Tests of reading Go struct declarations.

import { describe, expect, it } from 'vitest';
import { parseGoFile } from './go-structs.ts';

const SOURCE = `package v1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// DeploymentSpec is the spec. It mentions \`json:"x"\` in a comment.
type DeploymentSpec struct {
	// Replicas.
	// +optional
	Replicas *int32 \`json:"replicas,omitempty" protobuf:"varint,1,opt,name=replicas"\`
	Selector *metav1.LabelSelector \`json:"selector" protobuf:"bytes,2,opt,name=selector"\` // trailing // comment
	Template PodTemplateSpec \`json:"template" protobuf:"bytes,3,opt,name=template"\`
	/*
	   A block comment { with braces }
	*/
	Strategy DeploymentStrategy \`json:"strategy,omitempty" patchStrategy:"retainKeys" protobuf:"bytes,4,opt,name=strategy"\`
	internal, other string
	Hidden string \`json:"-"\`
	Untagged bool
}

type Deployment struct {
	metav1.TypeMeta \`json:",inline"\`
	EphemeralContainerCommon \`json:",inline" protobuf:"bytes,1,req"\`
}

type Empty struct{}

type List metav1.List
`;

describe('parseGoFile', () => {
  const { structs, definedTypes } = parseGoFile(SOURCE);

  it('reads fields in order with pointer, JSON name, omitempty and protobuf name', () => {
    expect(structs.get('DeploymentSpec')).toEqual([
      { goName: 'Replicas', json: 'replicas', pointer: true, omitEmpty: true, protobufName: 'replicas' },
      { goName: 'Selector', json: 'selector', pointer: true, omitEmpty: false, protobufName: 'selector' },
      { goName: 'Template', json: 'template', pointer: false, omitEmpty: false, protobufName: 'template' },
      { goName: 'Strategy', json: 'strategy', pointer: false, omitEmpty: true, protobufName: 'strategy' },
      { goName: 'Untagged', json: 'Untagged', pointer: false, omitEmpty: false },
    ]);
  });

  it('reads embedded fields as inline, naming an untagged protobuf field after the Go field', () => {
    expect(structs.get('Deployment')).toEqual([
      { goName: 'TypeMeta', pointer: false, omitEmpty: false },
      {
        goName: 'EphemeralContainerCommon',
        pointer: false,
        omitEmpty: false,
        protobufName: 'ephemeralContainerCommon',
      },
    ]);
  });

  it("reads an empty struct and a type defined as another package's type", () => {
    expect(structs.get('Empty')).toEqual([]);
    expect(definedTypes.get('List')).toEqual({ goPackage: 'k8s.io/apimachinery/pkg/apis/meta/v1', type: 'List' });
  });

  it('refuses a field line it cannot read', () => {
    expect(() => parseGoFile('type A struct {\n\tB func() `json:"b"` extra\n}')).toThrow('cannot read Go struct field');
  });
});
