// Limits shared by the server's schemas and the browser's forms. No zod here, so that a
// form can import them without bundling the validator.
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;
