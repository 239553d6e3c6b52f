import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerModal } from '../../src/discord/views/question.ts';
import {
  fieldProblem,
  fieldPrompt,
  fieldValue,
  type ModalField,
  modalFields,
} from '../../tools/sandbox/forms.ts';
import { realBank } from '../helpers/build.ts';

describe('modalFields', () => {
  it('given the answer modal when read then its one paragraph field is found with its limits', async () => {
    const q = (await realBank()).byId.get('dicom-basics')!;
    const fields = modalFields(JSON.parse(JSON.stringify(answerModal(q))));
    assert.deepEqual(
      fields.map((f) => [f.customId, f.paragraph, f.required, f.minLength, f.maxLength]),
      [['text', true, true, 1, 4000]],
    );
    assert.match(fieldPrompt(fields[0]!, false), /^ {3}What is DICOM\? .*\(required, max 4000\): $/);
  });

  it('given a label-wrapped input (components v2 modal) when read then the label is used', () => {
    const fields = modalFields({
      components: [
        { type: 18, label: 'Why?', component: { type: 4, custom_id: 'why', style: 1, required: false } },
      ],
    });
    assert.deepEqual(fields, [{ customId: 'why', label: 'Why?', paragraph: false, required: false }]);
  });
});

describe('field values', () => {
  const field: ModalField = {
    customId: 'text',
    label: 'Answer',
    paragraph: true,
    required: true,
    minLength: 5,
    maxLength: 10,
  };

  it('given values Discord would refuse when checked then each gets the reason', () => {
    assert.equal(fieldProblem(field, '   '), 'this field is required');
    assert.equal(fieldProblem(field, 'abc'), 'needs at least 5 characters');
    assert.equal(fieldProblem(field, 'abcdefghijk'), 'at most 10 characters');
    assert.equal(fieldProblem(field, 'abcdef'), undefined);
    assert.equal(fieldProblem({ ...field, required: false }, ''), undefined);
  });

  it('given a typed \\n when read then it becomes a line break', () => {
    assert.equal(fieldValue('one\\ntwo'), 'one\ntwo');
  });
});
